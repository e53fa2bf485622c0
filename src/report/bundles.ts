// The browser builds of vega, vega-lite and vega-embed, read from node_modules and inlined into
// index.html: the page must work from file:// with no network at all.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** Package → its UMD browser bundle (the file each package's `unpkg` field names). */
const BUNDLES = [
  ["vega", "build/vega.min.js"],
  ["vega-lite", "build/vega-lite.min.js"],
  ["vega-embed", "build/vega-embed.min.js"],
] as const;

/** The package's root directory: walk up from its resolved entry to the package.json naming it. */
function packageRoot(name: string): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve(name));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === name) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the package directory of ${name}; run npm ci`);
    dir = parent;
  }
}

export interface Bundle {
  name: string;
  version: string;
  code: string;
}

export function browserBundles(): Bundle[] {
  return BUNDLES.map(([name, file]) => {
    const root = packageRoot(name);
    const path = join(root, file);
    if (!existsSync(path)) throw new Error(`${path} is missing: the ${name} package has no browser build; run npm ci`);
    const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
    // No source-map comment: the .map files are not next to the page. "</script" would end the
    // inline script early; the bundles contain none today, and this keeps it so.
    const code = readFileSync(path, "utf8").replace(/\/\/# sourceMappingURL=\S+\s*$/, "").replace(/<\/script/gi, "<\\/script");
    return { name, version, code };
  });
}
