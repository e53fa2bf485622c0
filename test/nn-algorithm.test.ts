// Algorithm 1 on hand-built states: the tier the network ranks first when it is feasible, the VM the
// VM network ranks first inside it, the next tier when the first is infeasible, overflow when none is.
import { describe, expect, it } from "vitest";
import { Phase } from "../src/engine/tasks.ts";
import { createNeuralNetwork } from "../src/policies/neural-network.ts";
import { policyContext, twoTierWorld, worldWithTasks, writeModelSet } from "./helpers/nn.ts";

// VM ids in twoTierWorld: 0 = local edge (host 0, the device's), 1 = remote edge, 2 = slow cloud, 3 = fast cloud.
const run = (sim: ReturnType<typeof worldWithTasks>["sim"], tasks: Int32Array, options: Record<string, unknown>) => {
  const policy = createNeuralNetwork(policyContext(sim, options));
  policy.decideBatch(tasks, tasks.length, sim.view(), (t, vm) => sim.assign(t, vm));
  return policy;
};

describe("neural-network (Algorithm 1)", () => {
  it("takes the top-scored feasible tier and the top-ranked VM in it", () => {
    const resolved = twoTierWorld();
    // Tier net prefers the cloud; VM net scores by MIPS (higher is better): the fast cloud VM.
    const dir = writeModelSet([0, 0, 5], { "vm.mips_per_core_k": [1] });
    const { sim, tasks } = worldWithTasks(resolved, 1);
    const device = sim.tasks.cols.device[tasks[0]!]!;
    expect(sim.mobility.accessPoint[device]).toBeGreaterThanOrEqual(0);
    const p = run(sim, tasks, { modelDir: dir });
    expect(sim.tasks.cols.vm[tasks[0]!]).toBe(3);
    expect(sim.tasks.cols.tier[tasks[0]!]).toBe(2);
    expect(p.stats().assignedCloud).toBe(1);
  });

  it("lower-is-better VM scores pick the other VM", () => {
    const dir = writeModelSet([0, 0, 5], { "vm.mips_per_core_k": [1] }, "lower-is-better");
    const { sim, tasks } = worldWithTasks(twoTierWorld(), 1);
    run(sim, tasks, { modelDir: dir });
    expect(sim.tasks.cols.vm[tasks[0]!]).toBe(2);
  });

  it("skips an infeasible tier and takes the next one by score", () => {
    // Deadline 0.15 s: the cloud's 2 × 0.1 s propagation violates C2; the local edge runs 1000 MI in 0.1 s.
    const resolved = twoTierWorld({ maxDelayS: 0.15, edgeMips: 10000 });
    const dir = writeModelSet([1, 0, 5], { "vm.mips_per_core_k": [1] });
    const { sim, tasks } = worldWithTasks(resolved, 1);
    const local = sim.view().localHost(tasks[0]!);
    run(sim, tasks, { modelDir: dir });
    const vm = sim.tasks.cols.vm[tasks[0]!]!;
    expect(sim.tasks.cols.tier[tasks[0]!]).toBe(0);
    expect(sim.infra.vmHost[vm]).toBe(local);
  });

  it("sends a task no tier can take to the overflow queue (left waiting)", () => {
    const resolved = twoTierWorld({ maxDelayS: 0.01 });
    const dir = writeModelSet([0, 0, 5], {});
    const { sim, tasks } = worldWithTasks(resolved, 1);
    const p = run(sim, tasks, { modelDir: dir });
    expect(sim.tasks.cols.phase[tasks[0]!]).toBe(Phase.Waiting);
    expect(p.stats().overflow).toBe(1);
    expect(p.decide(tasks[0]!, sim.view())).toBe(-1);
  });

  it("updates the state after each assignment: a full VM is not chosen again", () => {
    // One-core VMs and CPU_max 0.9: after one task the local VM's U is 1 and C3 closes it.
    const dir = writeModelSet([5, 0, 0], {});
    const { sim, tasks } = worldWithTasks(twoTierWorld({ edgeMips: 10000 }), 2);
    run(sim, tasks, { modelDir: dir });
    const tiers = [...tasks].map((t) => sim.tasks.cols.tier[t]);
    expect(tiers[0]).toBe(0);
    expect(tiers[1]).not.toBe(0);
  });

  it("labels=outcome loads the outcome model (here: the reversed tier preference)", () => {
    const dir = writeModelSet([0, 0, 5], { "vm.mips_per_core_k": [1] });
    const { sim, tasks } = worldWithTasks(twoTierWorld({ edgeMips: 10000 }), 1);
    run(sim, tasks, { modelDir: dir, labels: "outcome" });
    expect(sim.tasks.cols.tier[tasks[0]!]).toBe(0);
  });

  it("decide() runs the same logic for a batch of one", () => {
    const dir = writeModelSet([0, 0, 5], { "vm.mips_per_core_k": [1] });
    const { sim, tasks } = worldWithTasks(twoTierWorld(), 1);
    const policy = createNeuralNetwork(policyContext(sim, { modelDir: dir }));
    expect(policy.decide(tasks[0]!, sim.view())).toBe(3);
  });
});
