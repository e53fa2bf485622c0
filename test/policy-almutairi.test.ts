// almutairi (reconstruction of spec/baselines.md §6.3): decisions on hand-built states, the
// heterogeneity-aware target choice, the fall-back chain, the three sensitivity variants, and option errors.
import { describe, expect, it } from "vitest";
import { runReplica } from "../src/engine/run.ts";
import { almutairiPolicy, almutairiVariant } from "../src/policies/almutairi.ts";
import { createRegistry } from "../src/policies/registry.ts";
import { InputError } from "../src/scenario/errors.ts";
import { loadScenario } from "../src/scenario/load.ts";
import { AR, fakeView, HEAVY, hostOf, INFOTAINMENT, instantiate, isCloud } from "./policy-helpers.ts";

describe("almutairi", () => {
  it("is registered and labelled as a reconstruction", () => {
    expect(createRegistry().get("almutairi").description).toContain("reconstruction");
  });

  it("an idle local edge keeps an AR task local, on the local VM with the most free MIPS", () => {
    const view = fakeView({ hosts: 3 });
    const policy = instantiate(almutairiPolicy, view);
    const task = view.setTask(AR, 1);
    view.vmUtilPct.set([0, 0, 10, 5, 0, 0]); // host 1 = VMs 2, 3: U = 7.5 % (low) → LOCAL_EDGE
    expect(policy.decide(task, view)).toBe(3);
  });

  it("a saturated local edge sends AR sideways to the host with the most free MIPS, not the least utilized", () => {
    // Host 1 has 4-core VMs: 50 % busy still leaves 2 × 40 000 × 0.5 = 40 000 MIPS; host 2 (2-core, 20 %)
    // leaves 2 × 20 000 × 0.8 = 32 000 MIPS. Heterogeneity-aware choice: host 1.
    const small = { cores: 2, mipsPerCore: 10000 };
    const view = fakeView({ hosts: 3, edgeVm: [small, { cores: 4, mipsPerCore: 10000 }, small] });
    const policy = instantiate(almutairiPolicy, view);
    const task = view.setTask(AR, 0);
    view.vmUtilPct.set([90, 90, 60, 40, 20, 20]); // local U = 90 (high), D high → OTHER_EDGE
    const vm = policy.decide(task, view);
    expect(vm).toBe(3); // host 1, and on it the VM with more free MIPS
    expect(hostOf(view, vm)).toBe(1);
  });

  it("a busy local edge sends a long, tolerant, light-data task to the cloud and a data-heavy one sideways", () => {
    const view = fakeView({ hosts: 3 });
    const policy = instantiate(almutairiPolicy, view);
    view.setEdgeUtil(90);
    view.setHostUtil(2, 30);
    const info = view.setTask(INFOTAINMENT, 0); // U high, D low, N not high → CLOUD
    expect(isCloud(view, policy.decide(info, view))).toBe(true);
    const heavy = view.setTask(HEAVY, 0); // N = 2700 KB high → OTHER_EDGE
    expect(hostOf(view, policy.decide(heavy, view))).toBe(2);
    expect(policy.stats?.()).toMatchObject({ decidedCloud: 1, decidedOther: 1, placedCloud: 1, placedOther: 1, fellBack: 0 });
  });

  it("falls back LOCAL → OTHER_EDGE → CLOUD before giving up", () => {
    const view = fakeView({ hosts: 3, requiredPct: 85 });
    const policy = instantiate(almutairiPolicy, view);
    const task = view.setTask(AR, 0);
    view.setEdgeUtil(20); // U = 20 (low) → LOCAL, but 20 + 85 > 100: nothing local admits it
    view.setHostUtil(2, 0);
    expect(hostOf(view, policy.decide(task, view))).toBe(2); // OTHER_EDGE: most free MIPS
    view.setHostUtil(2, 20); // no edge VM admits it → cloud
    expect(isCloud(view, policy.decide(task, view))).toBe(true);
    view.vmUtilPct.fill(50); // nothing admits it anywhere
    expect(policy.decide(task, view)).toBe(-1);
    expect(policy.stats?.()).toMatchObject({ decidedLocal: 3, placedOther: 1, placedCloud: 1, fellBack: 2 });
  });

  it("the three variants differ where their tables differ", () => {
    const decideWith = (variant: string, localUtil: number) => {
      const view = fakeView({ hosts: 3 });
      const policy = instantiate(almutairiPolicy, view, { variant });
      // A long (45 000 MI), delay-tolerant (0.1) task with little data (300 KB).
      const task = view.setTask(HEAVY, 0, { uploadKb: 250, downloadKb: 50 });
      view.setHostUtil(0, localUtil);
      const vm = policy.decide(task, view);
      return isCloud(view, vm) ? "cloud" : hostOf(view, vm) === 0 ? "local" : "other";
    };
    // U = 50 (medium): (a) D low, L high, N low → CLOUD; (b) U medium keeps the edge → LOCAL; COG agrees with (a).
    expect(decideWith("base", 50)).toBe("cloud");
    expect(decideWith("shifted", 50)).toBe("local");
    expect(decideWith("cog", 50)).toBe("cloud");
    // U = 35 (low 0.25, medium 0.25): argmax ties → LOCAL; COG averages LOCAL and CLOUD → OTHER_EDGE band.
    expect(decideWith("base", 35)).toBe("local");
    expect(decideWith("cog", 35)).toBe("other");
    expect(decideWith("shifted", 35)).toBe("local");
  });

  it("rejects an unknown variant or option with an InputError naming the option, value and allowed values", () => {
    expect(almutairiVariant({})).toBe("base");
    expect(almutairiVariant({ variant: "cog" })).toBe("cog");
    const view = fakeView();
    expect(() => instantiate(almutairiPolicy, view, { variant: "shifed" })).toThrow(InputError);
    expect(() => instantiate(almutairiPolicy, view, { variant: "shifed" })).toThrow(/variant[\s\S]*shifed[\s\S]*base, shifted, cog/);
    expect(() => instantiate(almutairiPolicy, view, { variant: 3 })).toThrow(/variant/);
    expect(() => instantiate(almutairiPolicy, view, { varient: "cog" })).toThrow(/did you mean "variant"/);
    const run = () => runReplica(loadScenario("edgecloudsim-app4"), "almutairi", { devices: 10, seed: 1, durationS: 15, warmupS: 0, policyOptions: { variant: "fuzzy" } });
    expect(run).toThrow(InputError);
    expect(run).toThrow(/variant/);
  });
});
