// Which model set a scenario gets: the one under models/ trained for the same world (same world
// fingerprint, src/scenario/fingerprint.ts), whatever the folder or scenario is called. No match is
// an InputError naming the closest set, the fields where the worlds differ and the two fixes, unless
// the caller allows a foreign model (option allowForeignModel), which runs the closest set.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../scenario/errors.ts";
import { worldDifferences, worldDistance, worldFingerprint } from "../scenario/fingerprint.ts";
import { loadScenario, presetNames } from "../scenario/load.ts";
import type { Scenario } from "../scenario/schema.ts";
import { displayPath } from "../kernel/project-files.ts";
import { MODEL_FILES, modelsRoot, sidecarPathFor } from "./model-set.ts";

/** How a model's world relates to the scenario's: same fingerprint, another one, or none recorded. */
export type WorldMatch = "matched" | "foreign" | "unstated";

export interface ModelSetEntry {
  /** Folder name under models/. */
  name: string;
  dir: string;
  /** From the set's tier-selection.json (undefined: the sidecar records none). */
  worldFingerprint?: string;
}

/** The model sets under `root`: folders with a tier-selection.onnx, sorted by name. */
export function listModelSets(root = modelsRoot()): ModelSetEntry[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, MODEL_FILES.tier.expert)))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const dir = join(root, name);
      return { name, dir, worldFingerprint: sidecarWorld(join(dir, MODEL_FILES.tier.expert)) };
    });
}

/** The worldFingerprint a model's sidecar records (undefined when absent or unreadable: loading reports the latter). */
export function sidecarWorld(onnxPath: string): string | undefined {
  try {
    const data = JSON.parse(readFileSync(sidecarPathFor(onnxPath), "utf8")) as { worldFingerprint?: unknown };
    return typeof data.worldFingerprint === "string" ? data.worldFingerprint : undefined;
  } catch {
    return undefined;
  }
}

/** How the model file's recorded world compares to the scenario's. */
export function worldMatchOf(onnxPath: string, scenario: Readonly<Scenario>): WorldMatch {
  const fp = sidecarWorld(onnxPath);
  return fp === undefined ? "unstated" : fp === worldFingerprint(scenario) ? "matched" : "foreign";
}

export interface ModelSetChoice {
  dir: string;
  world: WorldMatch;
  /** Set when world is "foreign": what to tell the user once. */
  warning?: string;
}

/**
 * The model set for a scenario. Among several matches, the one named like the scenario wins, then
 * the first by name. `allowForeign`: no match runs the closest set, with a warning to print.
 */
export function chooseModelSet(scenario: Readonly<Scenario>, allowForeign: boolean, root = modelsRoot()): ModelSetChoice {
  const fp = worldFingerprint(scenario);
  const sets = listModelSets(root);
  const matches = sets.filter((s) => s.worldFingerprint === fp);
  const match = matches.find((s) => s.name === scenario.name) ?? matches[0];
  if (match) return { dir: match.dir, world: "matched" };
  const closest = closestSet(scenario, sets);
  const what = closest
    ? `the closest model set is ${displayPath(closest.set.dir)} (trained for world ${closest.set.worldFingerprint ?? "not stated"}${closest.preset ? `, preset ${closest.preset}` : ""})`
    : `there is no model set under ${root}`;
  const diffs = closest?.diffs ?? [];
  const differ = diffs.length > 0 ? `; the worlds differ (the model's vs this scenario's) in ${diffs.slice(0, 6).join("; ")}${diffs.length > 6 ? `; and ${diffs.length - 6} more` : ""}` : "";
  if (allowForeign && closest) {
    return {
      dir: closest.set.dir, world: "foreign",
      warning: `neural-network: no model set was trained for this scenario's world (${fp}); running ${displayPath(closest.set.dir)}, trained for another world, because allowForeignModel=true${differ}`,
    };
  }
  throw new InputError("neural-network", [{
    path: "policyOptions.neural-network.modelDir",
    value: fp,
    message: `no model set under ${displayPath(root)} was trained for this scenario's world (fingerprint ${fp}); ${what}${differ}`,
    fix: `give a model set explicitly (--option modelDir=${closest ? displayPath(closest.set.dir) : "<folder>"}), or train one for this world (mecbench train --scenario <file>); --option allowForeignModel=true runs the closest set anyway`,
  }]);
}

interface Closest {
  set: ModelSetEntry;
  preset?: string;
  diffs: string[];
}

/** The set whose world is nearest (fewest differing values); worlds are known for the presets' fingerprints. */
function closestSet(scenario: Readonly<Scenario>, sets: readonly ModelSetEntry[]): Closest | undefined {
  const presets = presetNames().map((name) => ({ name, scenario: loadScenario(name).scenario }));
  let best: (Closest & { distance: number }) | undefined;
  for (const set of sets) {
    const preset = presets.find((p) => worldFingerprint(p.scenario) === set.worldFingerprint);
    const distance = preset ? worldDistance(preset.scenario, scenario) : Number.MAX_SAFE_INTEGER;
    if (best === undefined || distance < best.distance) {
      best = { set, preset: preset?.name, diffs: preset ? worldDifferences(preset.scenario, scenario) : [], distance };
    }
  }
  return best;
}
