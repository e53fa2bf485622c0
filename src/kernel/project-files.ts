// mecbench's own files that are not compiled code (package.json, build/*.wasm, models/,
// node_modules/), located from this module. The same module runs from the sources
// (src/kernel/project-files.ts, under tsx or vitest) and from the compiled JavaScript
// (dist/src/kernel/project-files.js, one directory deeper), so the root is chosen by which of the two
// this is instead of a fixed number of "../" in every caller.
import { isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const compiled = import.meta.url.endsWith("/dist/src/kernel/project-files.js");

/** The repository root (the directory holding package.json), as a directory URL. */
export const PROJECT_ROOT: URL = new URL(compiled ? "../../../" : "../../", import.meta.url);

/** A file or directory of the repository, from a path relative to its root ("build/mecbench.wasm"). */
export function projectFile(relativePath: string): URL {
  return new URL(relativePath, PROJECT_ROOT);
}

/** A file's path as results record it: relative to the repository root when inside it (the same on every machine), else absolute. */
export function displayPath(path: string): string {
  const rel = relative(fileURLToPath(PROJECT_ROOT), resolve(path));
  return rel.startsWith("..") || isAbsolute(rel) ? resolve(path) : rel.split("\\").join("/");
}
