#!/usr/bin/env node
// npm run build (also `prepare`, `pretest`, `prebench`): the two build outputs, each rebuilt only
// when its inputs changed, so one README command (`npm ci && npm test`, `npm ci && npm run bench`)
// compiles once: `prepare` builds, the `pre*` script that follows finds everything up to date.
//   build/  the WASM engine (`npm run build:wasm`, ~20 s): inputs assembly/, asconfig.json, the
//           build:wasm script text, every repository file or folder it names outside build/ (a
//           generator, say; a generator's own other inputs must be added to the list below), the
//           dev dependencies' versions and the installed AssemblyScript version;
//   dist/   the TypeScript of src/ and bench/ compiled to JavaScript (tsc -p tsconfig.build.json,
//           emit only, ~3 s; `npm run typecheck` checks the types), plus the JSON data and plain
//           .mjs workers next to it: inputs src/, bench/, tsconfig*.json and the TypeScript version.
// "Changed" means the SHA-256 over the inputs' paths and contents differs from the one stored with
// the output (build/.inputs.sha256, dist/.inputs.sha256): a content hash, not mtimes, so a fresh
// clone or a `git checkout` that leaves the sources equal does not rebuild. --force rebuilds both.
// The stamp file is rewritten (touched) even when nothing is rebuilt: src/cli/bin.mjs compares
// its mtime with the sources' to tell whether dist/ is current.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const force = process.argv.includes("--force");

/** Every file under the given paths (files or directories), sorted, relative to the root. */
function filesUnder(paths) {
  const out = [];
  const walk = (abs) => {
    const entries = readdirSync(abs, { withFileTypes: true });
    for (const e of entries) {
      const p = join(abs, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(relative(root, p));
    }
  };
  for (const p of paths) {
    const abs = join(root, p);
    if (!existsSync(abs)) continue;
    if (statSync(abs).isDirectory()) walk(abs);
    else out.push(p);
  }
  return out.sort();
}

function installedVersion(name) {
  try {
    return JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")).version;
  } catch {
    return "absent";
  }
}

function fingerprint(paths, extra) {
  const hash = createHash("sha256");
  hash.update(`${extra}\n`);
  for (const file of filesUnder(paths)) {
    hash.update(`${file}\n`);
    hash.update(readFileSync(join(root, file)));
  }
  return hash.digest("hex");
}

/** Run a build command; resolves when it succeeds, ends this process with its code when it fails. */
function run(command, args) {
  return new Promise((resolve) => {
    spawn(command, args, { cwd: root, stdio: "inherit" }).on("close", (code) => {
      if (code !== 0) process.exit(code ?? 1);
      resolve();
    });
  });
}

/** Rebuild one output when its fingerprint moved or an expected file is missing. */
async function step({ label, stampPath, expect, inputs, extra, build }) {
  const stamp = join(root, stampPath);
  const want = fingerprint(inputs, extra);
  const have = existsSync(stamp) ? readFileSync(stamp, "utf8").trim() : "";
  const complete = expect.every((f) => existsSync(join(root, f)));
  if (!force && have === want && complete) {
    writeFileSync(stamp, `${want}\n`); // touch: bin.mjs reads the mtime
    console.log(`build: ${label} up to date (inputs unchanged)`);
    return;
  }
  const t0 = performance.now();
  await build();
  writeFileSync(stamp, `${want}\n`);
  console.log(`build: ${label} rebuilt in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

/**
 * Files and directories of the repository named in a script's command line (a generator or a
 * post-processing step it runs, say), except its outputs under build/: an output hashed as an
 * input would change the fingerprint on every build.
 */
function pathsNamedIn(command) {
  const named = command
    .split(/[\s=&|;]+/)
    .filter((t) => t && !t.startsWith("-") && t !== "." && !/^(\.\/)?build(\/|$)/.test(t) && existsSync(join(root, t)));
  return [...new Set(named)];
}

// The two builds are independent and each mostly single-threaded: on 2 cores they run side by side.
const wasm = step({
  label: "build/ (WASM engine)",
  stampPath: "build/.inputs.sha256",
  expect: ["build/mecbench.wasm", "build/mecbench.debug.wasm", "build/mecbench.d.ts"],
  // The boundary generator's own inputs: the declaration, the two tables it takes from src/policies and
  // the neural network's feature counts and clips.
  inputs: [
    "assembly", "asconfig.json", "src/engine/wasm/boundary.ts", "src/policies/native-ids.ts", "src/policies/fuzzy/encode.ts",
    "src/nn/features.ts",
    ...pathsNamedIn(pkg.scripts["build:wasm"]),
  ],
  // The dev dependencies' versions stand for the toolchain (AssemblyScript, any WASM post-processor).
  extra: `${pkg.scripts["build:wasm"]}\n${JSON.stringify(pkg.devDependencies ?? {})}\nassemblyscript ${installedVersion("assemblyscript")}`,
  build: () => run(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "--silent", "build:wasm"]),
});

// Files next to the sources that are read at run time (presets, fuzzy rule bases, the paper's
// reported points, the schema) or run as plain JavaScript (the ONNX worker). The launcher files
// (the bin, its freshness check, the tsx worker entry) stay in src/: the compiled code needs none.
const TSX_ONLY = new Set(["src/cli/bin.mjs", "src/cli/dist-current.mjs", "src/experiment/worker-entry.mjs"]);

const dist = step({
  label: "dist/ (compiled JavaScript)",
  stampPath: "dist/.inputs.sha256",
  expect: ["dist/src/cli/main.js", "dist/bench/main.js"],
  inputs: ["src", "bench", "tsconfig.json", "tsconfig.build.json", "scripts/build.mjs"],
  extra: `typescript ${installedVersion("typescript")}`,
  build: async () => {
    // From scratch, so a deleted source leaves no orphan module behind, into a fresh directory that
    // then replaces dist/ in two renames: a process running from dist/ meanwhile (a bench, a sweep
    // starting workers, a report reading its JSON) never finds it half-written or missing.
    const fresh = join(root, `dist.building-${process.pid}`);
    const old = join(root, `dist.old-${process.pid}`);
    rmSync(fresh, { recursive: true, force: true });
    await run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json", "--outDir", fresh]);
    for (const file of filesUnder(["src", "bench"])) {
      if (file.endsWith(".ts") || file.endsWith(".d.mts") || TSX_ONLY.has(file)) continue;
      cpSync(join(root, file), join(fresh, file));
    }
    if (existsSync(join(root, "dist"))) renameSync(join(root, "dist"), old);
    renameSync(fresh, join(root, "dist"));
    rmSync(old, { recursive: true, force: true });
  },
});

await Promise.all([wasm, dist]);
