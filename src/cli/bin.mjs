#!/usr/bin/env node
// The `mecbench` executable. It runs the JavaScript compiled at install (dist/, built by
// scripts/build.mjs from `npm ci`), so a command starts in a fraction of a second instead of
// compiling the TypeScript first. When dist/ is missing or older than a source file (someone
// edited src/ since the last `npm run build`), it runs the sources through tsx instead, as a
// development convenience, and says so on stderr: a stale dist/ is never run silently.
import { distState } from "./dist-current.mjs";

const state = distState(new URL("../", import.meta.url), new URL("../../dist/.inputs.sha256", import.meta.url));
let main;
if (state === "current") {
  ({ main } = await import("../../dist/src/cli/main.js"));
} else {
  process.stderr.write(
    `mecbench: dist/ is ${state === "stale" ? "older than the sources in src/" : "not built"}; running the TypeScript through tsx (slower start). \`npm run build\` compiles it.\n`,
  );
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("./main.ts"));
}
process.exitCode = await main(process.argv.slice(2));
