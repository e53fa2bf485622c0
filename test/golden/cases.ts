// The golden set: which replicas are frozen, and the canonical text of a result. Shared by the
// generator (`npm run golden`, test/golden/generate.ts) and the check (test/golden.test.ts) so the
// two cannot disagree on a run's options or on how a result is written.
import { fileURLToPath } from "node:url";
import type { RunOptions } from "../../src/engine/run.ts";
import type { RunResult } from "../../src/results/run-result.ts";
import { createRegistry } from "../../src/policies/registry.ts";
import { presetNames } from "../../src/scenario/load.ts";

export interface GoldenCase {
  preset: string;
  policy: string;
  devices: number;
  /** Relative to test/golden/, e.g. "paper/greedy-min-service-100.json". */
  file: string;
}

/**
 * Two loads per preset. `paper` is heavy (25 devices already fail a third of the tasks under the
 * best policy, 200 saturate every tier); `edgecloudsim-app4` is light, so it needs more devices
 * before admission and the shared MAN/WAN start to matter.
 */
export const GOLDEN_DEVICES: Readonly<Record<string, readonly number[]>> = {
  paper: [25, 200],
  "edgecloudsim-app4": [200, 1000],
};
export const GOLDEN_SEED = 20260;
/** Short runs keep the whole check in seconds; 120 s still spans several link redraws and batches. */
export const GOLDEN_DURATION_S = 120;
export const GOLDEN_WARMUP_S = 20;

export const GOLDEN_DIR: string = fileURLToPath(new URL("./", import.meta.url));

/** Every built-in policy on every preset at every golden device count. */
export function goldenCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const preset of presetNames()) {
    // A new preset must choose its loads here rather than silently have no golden results.
    if (!GOLDEN_DEVICES[preset]) throw new Error(`test/golden/cases.ts: no GOLDEN_DEVICES entry for preset "${preset}"`);
    for (const policy of createRegistry().names()) {
      for (const devices of GOLDEN_DEVICES[preset]!) cases.push({ preset, policy, devices, file: `${preset}/${policy}-${devices}.json` });
    }
  }
  return cases;
}

export function goldenRunOptions(c: GoldenCase): RunOptions {
  return { devices: c.devices, seed: GOLDEN_SEED, durationS: GOLDEN_DURATION_S, warmupS: GOLDEN_WARMUP_S };
}

/**
 * The stored form of a result: the whole RunResult minus `wallS` (wall-clock time) and `version`
 * (the package version: bumping it changes no simulated number, so it must not invalidate the set).
 * JSON.stringify writes the shortest text that parses back to the same double, so equal text means
 * bit-identical numbers.
 */
export function goldenText(result: RunResult): string {
  const { wallS: _wallS, version: _version, ...frozen } = result;
  return `${JSON.stringify(frozen, null, 2)}\n`;
}
