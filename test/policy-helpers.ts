// Helpers for the policy tests (not a test file itself): `expectSaneRun`, the outside checks of a
// finished run, and `describePoliciesOnPresets`, which runs policies on both presets.
import { describe, expect, it } from "vitest";
import { runReplica } from "../src/engine/run.ts";
import type { RunResult } from "../src/results/run-result.ts";
import { loadScenario } from "../src/scenario/load.ts";

/** The outside checks of a finished run: counts add up, utilization in range, the breakdown adds up to the service time, no 0 for "no data". */
export function expectSaneRun(r: RunResult): void {
  const c = r.counts;
  expect(c.generated).toBe(c.completed + c.failed + c.inFlight);
  expect(c.generated).toBeGreaterThan(0);
  const m = r.metrics;
  expect(m.vmUtilizationPct.edge).toBeGreaterThanOrEqual(0);
  expect(m.vmUtilizationPct.edge).toBeLessThanOrEqual(100);
  expect(m.vmUtilizationPct.cloud).toBeLessThanOrEqual(100);
  const b = m.breakdownS;
  if (m.completed === 0) {
    // A mean over no completed task is no data, never 0.
    for (const v of [b.wait, b.upload, b.queue, b.exec, b.download, m.serviceTimeS]) expect(v).toBeNull();
  } else {
    for (const v of [b.wait, b.upload, b.queue, b.exec, b.download, m.serviceTimeS]) expect(v).toBeGreaterThanOrEqual(0);
    expect(b.wait! + b.upload! + b.queue! + b.exec! + b.download!).toBeCloseTo(m.serviceTimeS!, 6);
  }
  const byReason = Object.values(m.failedPctByReason).reduce((s: number, x) => s + (x ?? 0), 0);
  expect(byReason).toBeCloseTo(m.failedTaskPct ?? 0, 9);
}

/** Each (policy, options) on both presets at 200, 1000 and 2000 devices (40 s, 5 s warm-up), sane every time. */
export function describePoliciesOnPresets(policies: [string, Record<string, unknown>][]): void {
  describe("policies on both presets", () => {
    for (const preset of ["paper", "edgecloudsim-app4"] as const) {
      const scenario = loadScenario(preset);
      for (const [policy, options] of policies) {
        const label = Object.keys(options).length ? `${policy} ${JSON.stringify(options)}` : policy;
        it(`${preset} / ${label} at 200, 1000, 2000 devices`, () => {
          for (const devices of [200, 1000, 2000]) {
            const r = runReplica(scenario, policy, { devices, seed: 3, durationS: 40, warmupS: 5, policyOptions: options });
            expect(r.policy).toBe(policy);
            expectSaneRun(r);
          }
        }, 120_000);
      }
    }
  });
}
