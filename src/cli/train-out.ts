// Where `mecbench train` writes, and how: by default a new folder under results/models/ (never the
// committed models/, which only an explicit --out models/<preset> replaces, saying what it
// replaced). Files are written into a staging folder beside the target and moved in only once the
// whole set is written, so an interrupted or failed training leaves no half-written model set
// (at worst a <out>.partial-<pid> folder, removed by the next training into the same place).
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { modelsRoot } from "../nn/model-set.ts";
import type { Log } from "./train-log.ts";

/** A folder under results/models/ (relative to the working directory) that does not exist yet. */
export function defaultTrainOut(scenarioName: string): string {
  const base = join("results", "models", scenarioName);
  if (!existsSync(base)) return base;
  for (let i = 2; ; i++) if (!existsSync(`${base}-${i}`)) return `${base}-${i}`;
}

/** Whether `out` is inside the repository's committed models/ folder. */
export function isCommittedModels(out: string): boolean {
  const rel = relative(modelsRoot(), resolve(out));
  return rel === "" || !(rel.startsWith("..") || isAbsolute(rel));
}

/**
 * Write a training's files into `out`: `write` fills a staging folder (making it itself when it has
 * something to write, so a failure before that leaves none), whose files are then moved in; a failed
 * `write` removes the staging folder. The files that replaced existing ones are named on the log.
 */
export async function writeStaged(out: string, log: Log, write: (staging: string) => void | Promise<void>): Promise<void> {
  const staging = stagingFor(out);
  try {
    await write(staging);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  const replaced = commitStaged(staging, out);
  if (replaced.length > 0) {
    log.line(`  replaced ${isCommittedModels(out) ? "committed models: " : ""}${replaced.map((f) => basename(f)).join(", ")} in ${out}`);
  }
}

/** The staging folder of a training into `out` (stale ones of earlier interrupted runs removed). */
function stagingFor(out: string): string {
  const parent = dirname(resolve(out));
  const prefix = `${basename(resolve(out))}.partial-`;
  if (existsSync(parent)) {
    for (const name of readdirSync(parent)) if (name.startsWith(prefix)) rmSync(join(parent, name), { recursive: true, force: true });
  }
  return join(parent, `${prefix}${process.pid}`);
}

/**
 * Move every file of the staging folder into `out` (files of `out` not written by this training
 * stay), then remove the staging folder. Returns the files that replaced existing ones.
 */
function commitStaged(staging: string, out: string): string[] {
  mkdirSync(out, { recursive: true });
  const replaced: string[] = [];
  for (const name of readdirSync(staging).sort()) {
    const target = join(out, name);
    if (existsSync(target)) replaced.push(target);
    renameSync(join(staging, name), target);
  }
  rmSync(staging, { recursive: true, force: true });
  return replaced;
}
