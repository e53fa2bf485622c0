// Before any test file: bring build/ (WASM) and dist/ (compiled JavaScript) up to date, so tests
// that spawn the `mecbench` bin or read the WASM never meet an output older than the sources.
// A no-op (~0.1 s) when nothing changed: scripts/build.mjs compares content hashes of the inputs.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL("../scripts/build.mjs", import.meta.url))], { stdio: "inherit" });
}
