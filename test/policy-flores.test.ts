// flores (EdgeCloudSim FUZZY_COMPETITOR): decisions on hand-built states, read off the rule table of
// spec/baselines.md §4.4, and the guarded fast path against the full COG inference.
import { describe, expect, it } from "vitest";
import { floresDecider, floresPolicy } from "../src/policies/flores.ts";
import { decide } from "../src/policies/fuzzy/inference.ts";
import { loadRuleBase } from "../src/policies/fuzzy/load.ts";
import { AR, fakeView, HEAVY, hostOf, INFOTAINMENT, instantiate, isCloud } from "./policy-helpers.ts";

describe("flores", () => {
  it("busy edge, good WAN: an infotainment task goes to the cloud; the same task on an idle edge stays", () => {
    const view = fakeView();
    const policy = instantiate(floresPolicy, view);
    const task = view.setTask(INFOTAINMENT, 0); // data 1025 KB → 0.41, video_execution 0.3
    view.wanMbps = 15; // high
    view.setEdgeUtil(85); // cpu_speed 15: low → row low/medium, column h,l: R
    expect(isCloud(view, policy.decide(task, view))).toBe(true);
    view.setEdgeUtil(0); // cpu_speed 100: high → h,l: L
    expect(isCloud(view, policy.decide(task, view))).toBe(false);
    expect(policy.stats?.()).toEqual({ decidedCloud: 1, decidedEdge: 1 });
  });

  it("large data stays at the edge even when the edge is busy and the WAN is good", () => {
    const view = fakeView();
    const policy = instantiate(floresPolicy, view);
    const task = view.setTask(HEAVY, 1); // 2700 KB → data_size 1 (high); row low/high, h,*: L
    view.wanMbps = 20;
    view.setEdgeUtil(85);
    const vm = policy.decide(task, view);
    expect(vm).toBeGreaterThanOrEqual(0);
    expect(isCloud(view, vm)).toBe(false);
  });

  it("a poor WAN keeps an AR task at the edge", () => {
    const view = fakeView();
    const policy = instantiate(floresPolicy, view);
    const task = view.setTask(AR, 0);
    view.wanMbps = 1; // low
    view.setEdgeUtil(75);
    expect(isCloud(view, policy.decide(task, view))).toBe(false);
  });

  it("the edge branch is GENERIC_EDGE: the globally least-loaded VM, even on a remote host; no fall-back", () => {
    const view = fakeView({ hosts: 3, vmsPerHost: 2 });
    const policy = instantiate(floresPolicy, view);
    const task = view.setTask(AR, 0);
    view.wanMbps = 1;
    view.vmUtilPct.set([40, 30, 20, 35, 5, 25]);
    expect(policy.decide(task, view)).toBe(4);
    expect(hostOf(view, 4)).toBe(2);
    view.setEdgeUtil(95); // nothing admits a 10 % task; Flores still says edge (cpu low, wan low) → -1
    expect(policy.decide(task, view)).toBe(-1);
  });

  it("the guarded fast path gives the full COG inference's decision", () => {
    const fis = loadRuleBase("flores");
    const fast = floresDecider(loadRuleBase("flores"));
    const cloud = fis.classes.indexOf("CLOUD");
    const x = new Float64Array(4);
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    let clouds = 0;
    let disagreements = 0;
    for (let i = 0; i < 60000; i++) {
      x[0] = rnd() * 22;
      x[1] = rnd() * 100;
      x[2] = rnd();
      x[3] = rnd();
      const full = decide(fis, x) === cloud;
      if (full) clouds++;
      if (fast(x) !== full) disagreements++;
    }
    // Breakpoint grid: memberships hit 0, 1 and exact ties there, the cases the guard band exists for.
    for (let w = 0; w <= 22; w++)
      for (let cpu = 0; cpu <= 100; cpu += 5)
        for (let v = 0; v <= 10; v++)
          for (let d = 0; d <= 10; d++) {
            x[0] = w;
            x[1] = cpu;
            x[2] = v / 10;
            x[3] = d / 10;
            if (fast(x) !== (decide(fis, x) === cloud)) disagreements++;
          }
    expect(disagreements).toBe(0);
    expect(clouds).toBeGreaterThan(1000); // both outcomes exercised
  });
});
