// Whether the compiled JavaScript in dist/ is current: its stamp (written by scripts/build.mjs on
// every build or up-to-date check) is at least as new as every file under the source directory.
// Plain JavaScript, because src/cli/bin.mjs needs the answer before anything is compiled or loaded.
import { existsSync, readdirSync, statSync } from "node:fs";

/** Newest modification time (ms) of any file under the directory URL `dir`; ~1 ms for src/. */
export function newestMtimeMs(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const url = new URL(e.isDirectory() ? `${e.name}/` : e.name, dir);
    newest = Math.max(newest, e.isDirectory() ? newestMtimeMs(url) : statSync(url).mtimeMs);
  }
  return newest;
}

/** "current", "stale" (a source is newer than the stamp) or "missing" (never built). */
export function distState(sourceDir, stamp) {
  if (!existsSync(stamp)) return "missing";
  return statSync(stamp).mtimeMs >= newestMtimeMs(sourceDir) ? "current" : "stale";
}
