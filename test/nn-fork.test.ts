// What-if forks (used for outcome labels): a fork is an independent deep copy. Run forward, it does
// exactly what the original does; running it leaves the original untouched.
import { describe, expect, it } from "vitest";
import { Simulation } from "../src/engine/replica.ts";
import { StreamSet } from "../src/engine/rng.ts";
import { expertRulesPolicy } from "../src/policies/expert-rules.ts";
import { loadScenario } from "../src/scenario/load.ts";
import { simulateForced } from "../src/nn/dataset.ts";

const paper = loadScenario("paper");
const started = (seed: number) => {
  const sim = new Simulation(paper.scenario, { devices: 200, seed, durationS: 5, warmupS: 0 });
  const policy = () => expertRulesPolicy.create({ scenario: sim.scenario, infra: sim.infra, options: {}, rng: new StreamSet(1, "p", 1) });
  sim.run(policy()); // stops at 5 s with events still pending
  return { sim, policy };
};

describe("Simulation.fork", () => {
  it("a fork run forward matches the original and leaves it untouched", () => {
    const a = started(3);
    const b = started(3);
    const fork = a.sim.fork(a.policy());
    fork.advanceUntil(12, () => false);
    expect(a.sim.now).toBe(b.sim.now);
    expect(Array.from(a.sim.metrics.rows)).toEqual(Array.from(b.sim.metrics.rows));
    a.sim.advanceUntil(12, () => false);
    b.sim.advanceUntil(12, () => false);
    expect(a.sim.counters).toEqual(b.sim.counters);
    expect(fork.counters).toEqual(a.sim.counters);
    expect(Array.from(fork.metrics.rows)).toEqual(Array.from(a.sim.metrics.rows));
    expect(fork.now).toBe(a.sim.now);
  });

  it("a forced what-if ends with the task's outcome and does not touch the original", () => {
    const { sim, policy } = started(4);
    const t = sim.tasks.allocate();
    const c = sim.tasks.cols;
    c.device[t] = 0;
    c.app[t] = 1; // HEALTH_APP: 3 GI, 2 s deadline
    c.lengthMi[t] = 3000;
    c.arrivalS[t] = sim.now;
    c.deadlineS[t] = sim.now + 100;
    c.phase[t] = 1;
    const cloudVm = sim.infra.cloudVmStart;
    const before = { ...sim.counters };
    const out = simulateForced(sim, policy(), t, cloudVm);
    expect(out.ok).toBe(true);
    expect(out.serviceS).toBeGreaterThan(3000 / 20000); // at least the execution on a 20 000 MIPS core
    expect(sim.counters).toEqual(before);
    expect(c.phase[t]).toBe(1);
  });
});
