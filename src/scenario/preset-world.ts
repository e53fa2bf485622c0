// Which built-in preset's world a scenario has, by world fingerprint: an imported EdgeCloudSim
// sample_app4 under any name is the edgecloudsim-app4 world, and gets what that preset gets (its
// model set, the paper's values on the report's charts).
import { worldFingerprint } from "./fingerprint.ts";
import { loadScenario, type PresetName, presetNames } from "./load.ts";
import type { Scenario } from "./schema.ts";
import { resolveScenario } from "./validate.ts";

/** The preset with the same world fingerprint, or undefined. */
export function presetWorldOf(s: Readonly<Scenario>): PresetName | undefined {
  const fp = worldFingerprint(s);
  return presetNames().find((name) => worldFingerprint(loadScenario(name).scenario) === fp);
}

/** The same, from scenario data as a manifest stores it (undefined when it is not a valid scenario). */
export function presetWorldOfData(data: unknown): PresetName | undefined {
  try {
    return presetWorldOf(resolveScenario(data).scenario);
  } catch {
    return undefined;
  }
}
