// network-based, hybrid (EdgeCloudSim sample_app2/app4) and utilization-based on hand-built states:
// the 6 Mbps and 80 % thresholds are strict (">"), the edge branch is GENERIC_EDGE, and nobody falls back.
import { describe, expect, it } from "vitest";
import { hybridPolicy } from "../src/policies/hybrid.ts";
import { networkBasedPolicy } from "../src/policies/network-based.ts";
import { utilizationBasedPolicy } from "../src/policies/utilization-based.ts";
import { AR, fakeView, HEAVY, hostOf, instantiate, isCloud } from "./policy-helpers.ts";

describe("network-based", () => {
  it("follows the 6 Mbps WAN threshold (strictly above → cloud)", () => {
    const view = fakeView();
    const policy = instantiate(networkBasedPolicy, view);
    const task = view.setTask(AR, 0);
    view.setEdgeUtil(50);
    for (const [mbps, cloud] of [[6.01, true], [6, false], [0, false], [20, true]] as const) {
      view.wanMbps = mbps;
      expect(isCloud(view, policy.decide(task, view))).toBe(cloud);
    }
  });

  it("edge branch is the global least-loaded VM; no fall-back to the edge when the cloud is full", () => {
    const view = fakeView({ hosts: 3 });
    const policy = instantiate(networkBasedPolicy, view);
    const task = view.setTask(AR, 0);
    view.wanMbps = 2;
    view.vmUtilPct.set([50, 50, 50, 50, 50, 20]);
    expect(policy.decide(task, view)).toBe(5);
    view.wanMbps = 10;
    view.vmUtilPct.fill(95, view.infra.cloudVmStart); // cloud cannot admit a 10 % task
    expect(policy.decide(task, view)).toBe(-1);
  });
});

describe("hybrid", () => {
  it("cloud only when the WAN is good AND the edge is saturated", () => {
    const view = fakeView();
    const policy = instantiate(hybridPolicy, view);
    const task = view.setTask(HEAVY, 1);
    const cases = [
      { wan: 10, util: 85, cloud: true },
      { wan: 10, util: 80, cloud: false }, // 80 is not > 80
      { wan: 5, util: 85, cloud: false },
      { wan: 6, util: 90, cloud: false }, // 6 is not > 6
    ];
    for (const c of cases) {
      view.wanMbps = c.wan;
      view.setEdgeUtil(c.util);
      const vm = policy.decide(task, view);
      expect(vm).toBeGreaterThanOrEqual(0);
      expect(isCloud(view, vm)).toBe(c.cloud);
    }
  });
});

describe("utilization-based", () => {
  it("a saturated edge sends a heavy task to the cloud; a half-loaded edge keeps it on the least-loaded edge VM", () => {
    const view = fakeView({ hosts: 3 });
    const policy = instantiate(utilizationBasedPolicy, view);
    const task = view.setTask(HEAVY, 0);
    view.setEdgeUtil(85);
    expect(isCloud(view, policy.decide(task, view))).toBe(true);
    view.vmUtilPct.set([60, 50, 40, 50, 50, 45]);
    const vm = policy.decide(task, view);
    expect(vm).toBe(2);
    expect(hostOf(view, vm)).toBe(1); // a remote host: GENERIC_EDGE ignores locality
  });
});
