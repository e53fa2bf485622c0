// EdgeCloudSim sample_app1 VM-fit policies over all edge hosts (TWO_TIER_WITH_EO), edge only.
import { describe, expect, it } from "vitest";
import { bestFitPolicy, createNextFit, firstFitPolicy, nextFitPolicy, worstFitPolicy } from "../src/policies/vm-fit.ts";
import { AR, fakeView, instantiate } from "./policy-helpers.ts";

describe("VM-fit policies", () => {
  it("best-fit and worst-fit pick opposite VMs; first-fit the first that admits the task", () => {
    const view = fakeView({ hosts: 3, vmsPerHost: 2 });
    const task = view.setTask(AR, 0);
    view.vmUtilPct.set([95, 50, 70, 10, 30, 85]); // VM 0 cannot admit a 10 % task
    expect(instantiate(bestFitPolicy, view).decide(task, view)).toBe(5); // least free among admitting: 85 %
    expect(instantiate(worstFitPolicy, view).decide(task, view)).toBe(3); // most free: 10 %
    expect(instantiate(firstFitPolicy, view).decide(task, view)).toBe(1);
  });

  it("ties go to the lowest VM id", () => {
    const view = fakeView({ hosts: 2, vmsPerHost: 2 });
    const task = view.setTask(AR, 1);
    view.vmUtilPct.set([40, 20, 40, 20]);
    expect(instantiate(bestFitPolicy, view).decide(task, view)).toBe(0);
    expect(instantiate(worstFitPolicy, view).decide(task, view)).toBe(1);
  });

  it("next-fit advances the host pointer every task and each host's VM pointer, skipping VMs that do not fit", () => {
    const view = fakeView({ hosts: 3, vmsPerHost: 2 });
    const task = view.setTask(AR, 0);
    const policy = createNextFit(view.infra.hostCount);
    const picks = [0, 1, 2, 3].map(() => policy.decide(task, view));
    expect(picks).toEqual([0, 2, 4, 1]); // host 0 VM 0, host 1 VM 0, host 2 VM 0, host 0 VM 1
    expect(policy.hostPointer()).toBe(0);
    view.vmUtilPct.set([0, 0, 95, 95, 0, 0]); // host 1 is full: tried (both VMs), then host 2
    expect(policy.decide(task, view)).toBe(5);
    expect(policy.hostPointer()).toBe(2);
    expect(policy.vmPointer(1)).toBe(0); // advanced twice from 0, wrapped back
    expect(policy.vmPointer(2)).toBe(1);
  });

  it("never uses the cloud: a full edge means -1", () => {
    const view = fakeView({ hosts: 2, vmsPerHost: 2 });
    const task = view.setTask(AR, 0);
    view.setEdgeUtil(95);
    for (const f of [firstFitPolicy, nextFitPolicy, bestFitPolicy, worstFitPolicy]) {
      expect(instantiate(f, view).decide(task, view)).toBe(-1);
    }
  });
});
