// Output paths checked before any work: a file flag that names a folder, or a folder flag that
// names a file, would otherwise fail at the very end (EISDIR, ENOTDIR) after minutes of work.
import { existsSync, statSync } from "node:fs";
import { dirname } from "node:path";
import type { Problem } from "../scenario/errors.ts";

/** The problem with writing a file (`kind` "file") or a folder of files (`kind` "dir") at `path`. */
export function outputPathProblem(flag: string, path: string | undefined, kind: "file" | "dir"): Problem | undefined {
  if (path === undefined) return undefined;
  if (path === "") return { path: flag, value: path, message: "empty path", fix: `give ${flag} a ${kind === "file" ? "file" : "folder"} path` };
  if (existsSync(path)) {
    const isDir = statSync(path).isDirectory();
    if (kind === "file" && isDir) return { path: flag, value: path, message: "is a folder, not a file", fix: `give ${flag} a file path, e.g. ${path.replace(/\/+$/, "")}/out.json` };
    if (kind === "dir" && !isDir) return { path: flag, value: path, message: "is a file, not a folder", fix: `give ${flag} a folder path (it is created when missing)` };
    return undefined;
  }
  // A file's folder must exist (we do not guess where a typo in it should have pointed).
  if (kind === "file" && !existsSync(dirname(path) || ".")) {
    return { path: flag, value: path, message: `its folder ${dirname(path)} does not exist`, fix: "create the folder first, or fix the path" };
  }
  return undefined;
}
