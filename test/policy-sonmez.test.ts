// sonmez (EdgeCloudSim FUZZY_BASED): stage 1 (nearest vs best remote host) and stage 2 (host vs cloud)
// on hand-built states, read off the rule tables of spec/baselines.md §5, and the guarded fast path
// against the full LM inference.
import { describe, expect, it } from "vitest";
import { decide } from "../src/policies/fuzzy/inference.ts";
import { loadRuleBase } from "../src/policies/fuzzy/load.ts";
import { bestRemoteHost, sonmezPolicy, sonmezStageDecider } from "../src/policies/sonmez.ts";
import { AR, fakeView, HEAVY, hostOf, instantiate, isCloud } from "./policy-helpers.ts";

describe("sonmez", () => {
  it("an idle edge keeps an AR task on the nearest host", () => {
    const view = fakeView({ hosts: 4 });
    const policy = instantiate(sonmezPolicy, view);
    const task = view.setTask(AR, 2);
    view.wanMbps = 15;
    view.manS = 0.007;
    view.setEdgeUtil(0);
    const vm = policy.decide(task, view);
    expect(hostOf(view, vm)).toBe(2);
    expect(policy.stats?.()).toEqual({ decidedNearestHost: 1, decidedRemoteHost: 0, decidedCloud: 0 });
  });

  it("stage 1 picks the least-utilized remote host when the nearest is busy and the MAN is fast", () => {
    const view = fakeView({ hosts: 4 });
    const policy = instantiate(sonmezPolicy, view);
    const task = view.setTask(AR, 0);
    view.wanMbps = 15;
    view.manS = 0.001; // low
    view.setHostUtil(0, 85); // nearest high
    view.setHostUtil(1, 15);
    view.setHostUtil(2, 10); // best remote: low → high/low, man low: R
    view.setHostUtil(3, 15);
    const vm = policy.decide(task, view);
    expect(hostOf(view, vm)).toBe(2); // stage 2: util low, AR, delay high → edge (the candidate host)
  });

  it("stage 1: with both hosts busy, a fast MAN moves the task to the remote host and a slow one keeps it near", () => {
    const view = fakeView({ hosts: 3 });
    const policy = instantiate(sonmezPolicy, view);
    const task = view.setTask(AR, 0);
    view.wanMbps = 1; // stage 2: wan low, AR (task medium), delay high → E whatever the util: isolate stage 1
    view.setHostUtil(0, 80); // nearest high
    view.setHostUtil(1, 85);
    view.setHostUtil(2, 85); // best remote = host 1 (tie → lowest index), high
    view.manS = 0.001; // high/high, man low: R
    expect(hostOf(view, policy.decide(task, view))).toBe(1);
    view.manS = 0.02; // high/high, man high: N
    expect(hostOf(view, policy.decide(task, view))).toBe(0);
    expect(policy.stats?.()).toEqual({ decidedNearestHost: 1, decidedRemoteHost: 1, decidedCloud: 0 });
  });

  it("stage 2 sends a heavy, delay-tolerant task to the cloud when the edge is saturated and the WAN is good", () => {
    const view = fakeView({ hosts: 3 });
    const policy = instantiate(sonmezPolicy, view);
    const task = view.setTask(HEAVY, 1);
    view.wanMbps = 15;
    view.setEdgeUtil(85); // util high, task high (45 000 MI), wan h, delay l → C
    expect(isCloud(view, policy.decide(task, view))).toBe(true);
    view.wanMbps = 1; // wan low: high/high, l,l → C as well (busy edge)
    expect(isCloud(view, policy.decide(task, view))).toBe(true);
    view.setEdgeUtil(0); // util low, task high, wan low → E
    expect(hostOf(view, policy.decide(task, view))).toBe(1);
  });

  it("no fall-back: when the chosen host has no room the task is rejected (-1) although other hosts have", () => {
    const view = fakeView({ hosts: 3 });
    const policy = instantiate(sonmezPolicy, view);
    const task = view.setTask(AR, 0);
    view.wanMbps = 1; // wan low, AR (task medium), delay high, util high → E: stay on the candidate host
    view.manS = 0.02; // MAN high: high/high → N
    view.setHostUtil(0, 95); // nearest: cannot admit a 10 % task
    view.setHostUtil(1, 94);
    view.setHostUtil(2, 94);
    expect(policy.decide(task, view)).toBe(-1);
  });

  it("best remote host: strict comparison below 100 %, ties to the lowest index, default host 0 at 100 %", () => {
    const view = fakeView({ hosts: 4 });
    const out = new Float64Array(2);
    view.vmUtilPct.fill(0);
    view.setHostUtil(0, 10);
    view.setHostUtil(1, 30);
    view.setHostUtil(2, 20);
    view.setHostUtil(3, 20);
    bestRemoteHost(view, 0, out);
    expect([...out]).toEqual([2, 20]); // host 0 excluded (nearest); 2 and 3 tie → 2
    view.setEdgeUtil(100);
    bestRemoteHost(view, 1, out);
    expect([...out]).toEqual([0, 100]);
  });

  it("the guarded fast path gives the full LM inference's decision on both stages", () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const cases = [
      // Every other draw snaps to a grid of breakpoints, where memberships are 0, 1 or tie exactly.
      { name: "sonmez-stage1", second: "REMOTE_EDGE", gen: (x: Float64Array, grid: boolean) => {
        x[0] = grid ? 10 * Math.floor(rnd() * 11) : rnd() * 100;
        x[1] = grid ? 10 * Math.floor(rnd() * 11) : rnd() * 100;
        x[2] = grid ? 0.001 * Math.floor(rnd() * 16) : rnd() * 0.02;
      } },
      { name: "sonmez-stage2", second: "CLOUD", gen: (x: Float64Array, grid: boolean) => {
        x[0] = grid ? Math.floor(rnd() * 23) : rnd() * 22;
        x[1] = grid ? 2000 * Math.floor(rnd() * 26) : rnd() * 50000;
        x[2] = grid ? 0.1 * Math.floor(rnd() * 11) : rnd();
        x[3] = grid ? 10 * Math.floor(rnd() * 11) : rnd() * 100;
      } },
    ] as const;
    for (const c of cases) {
      const fis = loadRuleBase(c.name);
      const fast = sonmezStageDecider(loadRuleBase(c.name), c.second);
      const second = fis.classes.indexOf(c.second);
      const x = new Float64Array(fis.inputNames.length);
      let seconds = 0;
      let disagreements = 0;
      for (let i = 0; i < 40000; i++) {
        c.gen(x, i % 2 === 0);
        const full = decide(fis, x) === second;
        if (full) seconds++;
        if (fast(x) !== full) disagreements++;
      }
      expect(disagreements).toBe(0);
      expect(seconds).toBeGreaterThan(500); // both outcomes exercised
    }
  });
});
