// Helpers for the policy tests (not a test file itself).
// `fakeView`: a hand-built SystemView for decision tests: a few edge hosts, a cloud, one task at a time,
// and every live quantity (VM utilization, WAN bandwidth, MAN delay) set by the test. Only what the
// policies read is real; the estimators the policies under test never call throw.
// `expectSaneRun`: the outside checks of a finished run.
import { describe, expect, it } from "vitest";
import { buildInfrastructure, tierOf } from "../src/engine/infrastructure.ts";
import { runReplica, type RunResult } from "../src/engine/run.ts";
import { loadScenario } from "../src/scenario/load.ts";
import { StreamSet } from "../src/engine/rng.ts";
import type { Policy, PolicyFactory, SystemView, TaskColumnsView } from "../src/policies/types.ts";
import type { Scenario } from "../src/scenario/schema.ts";

/** The four EdgeCloudSim sample_app4 apps (index order used by `setTask`). */
export const AR = 0;
export const HEALTH = 1;
export const HEAVY = 2;
export const INFOTAINMENT = 3;

const APPS = [
  { name: "AUGMENTED_REALITY", delaySensitivity: 0.9, lengthMi: 9000, uploadKb: 1500, downloadKb: 25 },
  { name: "HEALTH_APP", delaySensitivity: 0.7, lengthMi: 3000, uploadKb: 20, downloadKb: 1250 },
  { name: "HEAVY_COMP_APP", delaySensitivity: 0.1, lengthMi: 45000, uploadKb: 2500, downloadKb: 200 },
  { name: "INFOTAINMENT_APP", delaySensitivity: 0.3, lengthMi: 15000, uploadKb: 25, downloadKb: 1000 },
];

export interface FakeOptions {
  /** Edge hosts; host h sits at access point h. @default 3 */
  hosts?: number;
  /** VMs per edge host. @default 2 */
  vmsPerHost?: number;
  /** Cores and MIPS per core of every edge VM, or one entry per host. @default 2 × 10 000 */
  edgeVm?: { cores: number; mipsPerCore: number } | { cores: number; mipsPerCore: number }[];
  /** Cloud VMs. @default 2 */
  cloudVms?: number;
  /** CPU share (%) a task needs on any VM; a VM admits it iff util + this <= 100. @default 10 */
  requiredPct?: number;
}

export interface FakeView extends SystemView {
  /** Writable copies of the live state. */
  readonly vmUtilPct: Float64Array;
  wanMbps: number;
  manS: number;
  /** Replace task 0: app, access point of its device, and (by default the app's) sizes. */
  setTask(app: number, ap: number, sizes?: { lengthMi?: number; uploadKb?: number; downloadKb?: number }): number;
  /** Set the utilization of every VM of a host. */
  setHostUtil(host: number, pct: number): void;
  /** Set the utilization of every edge VM. */
  setEdgeUtil(pct: number): void;
}

export function fakeView(o: FakeOptions = {}): FakeView {
  const hostCount = o.hosts ?? 3;
  const perHost = o.vmsPerHost ?? 2;
  const vmOf = (h: number) => (Array.isArray(o.edgeVm) ? o.edgeVm[h]! : o.edgeVm ?? { cores: 2, mipsPerCore: 10000 });
  const scenario = {
    workload: { apps: APPS },
    edge: {
      hosts: Array.from({ length: hostCount }, (_, h) => ({
        accessPoint: h, attractiveness: 0,
        vms: Array.from({ length: perHost }, () => ({ ...vmOf(h), ramMb: 2000 })),
      })),
    },
    cloud: { vms: Array.from({ length: o.cloudVms ?? 2 }, () => ({ cores: 4, mipsPerCore: 100000, ramMb: 32000 })) },
  } as unknown as Scenario;
  const infra = buildInfrastructure(scenario);
  const required = o.requiredPct ?? 10;
  const tasks: TaskColumnsView = {
    device: new Int32Array(1), app: new Int32Array(1), lengthMi: new Float64Array(1), uploadKb: new Float64Array(1),
    downloadKb: new Float64Array(1), arrivalS: new Float64Array(1), deadlineS: new Float64Array([Infinity]),
  };
  const deviceAccessPoint = new Int32Array(1);
  const vmUtilPct = new Float64Array(infra.vmCount);
  const unused = (what: string) => () => {
    throw new Error(`fake view: ${what} is not modelled`);
  };
  const hostUtil = (h: number) => {
    let sum = 0;
    for (let vm = infra.hostVmStart[h]!; vm < infra.hostVmEnd[h]!; vm++) sum += vmUtilPct[vm]!;
    return sum / (infra.hostVmEnd[h]! - infra.hostVmStart[h]!);
  };
  const view: FakeView = {
    now: 0,
    scenario,
    infra,
    tasks,
    deviceCount: 1,
    deviceAccessPoint,
    vmUtilPct,
    vmFreeMemMb: new Float64Array(infra.vmCount).fill(2000),
    vmBoundTasks: new Int32Array(infra.vmCount),
    wanMbps: 10,
    manS: 0.007,
    tierOf: (_task, vm) => tierOf(infra, vm, deviceAccessPoint[0]!),
    localHost: () => infra.accessPointHost[deviceAccessPoint[0]!] ?? -1,
    fits: (_task, vm) => vmUtilPct[vm]! + required <= 100,
    requiredUtilPct: () => required,
    feasibility: unused("feasibility"),
    loadFraction: (vm) => vmUtilPct[vm]! / 100,
    estimateServiceS: unused("estimateServiceS"),
    estimateNetworkS: unused("estimateNetworkS"),
    meanEdgeUtilPct() {
      let sum = 0;
      for (let vm = 0; vm < infra.cloudVmStart; vm++) sum += vmUtilPct[vm]!;
      return sum / infra.cloudVmStart;
    },
    hostUtilPct: hostUtil,
    wanBandwidthMbps: () => view.wanMbps,
    manDelayS: () => view.manS,
    tierBandwidthMbps: unused("tierBandwidthMbps"),
    setTask(app, ap, sizes = {}) {
      const a = APPS[app]!;
      tasks.app[0] = app;
      tasks.lengthMi[0] = sizes.lengthMi ?? a.lengthMi;
      tasks.uploadKb[0] = sizes.uploadKb ?? a.uploadKb;
      tasks.downloadKb[0] = sizes.downloadKb ?? a.downloadKb;
      deviceAccessPoint[0] = ap;
      return 0;
    },
    setHostUtil(host, pct) {
      for (let vm = infra.hostVmStart[host]!; vm < infra.hostVmEnd[host]!; vm++) vmUtilPct[vm] = pct;
    },
    setEdgeUtil(pct) {
      vmUtilPct.fill(pct, 0, infra.cloudVmStart);
    },
  };
  return view;
}

/** Host of an edge VM (-1 for the cloud). */
export function hostOf(view: SystemView, vm: number): number {
  return vm < 0 ? -2 : view.infra.vmHost[vm]!;
}

export function isCloud(view: SystemView, vm: number): boolean {
  return vm >= view.infra.cloudVmStart;
}

/** An instance of `factory` for the fake view's infrastructure, with `options`. */
export function instantiate(factory: PolicyFactory, view: SystemView, options: Record<string, unknown> = {}): Policy {
  return factory.create({ scenario: view.scenario, infra: view.infra, options, rng: new StreamSet(1, "policy:test", 1) });
}

/** The checks test/engine-invariants.test.ts makes, repeated from the outside on a finished run. */
export function expectSaneRun(r: RunResult): void {
  const c = r.counts;
  expect(c.generated).toBe(c.completed + c.failed + c.inFlight);
  expect(c.generated).toBeGreaterThan(0);
  const m = r.metrics;
  expect(m.vmUtilizationPct.edge).toBeGreaterThanOrEqual(0);
  expect(m.vmUtilizationPct.edge).toBeLessThanOrEqual(100);
  expect(m.vmUtilizationPct.cloud).toBeLessThanOrEqual(100);
  const b = m.breakdownS;
  for (const v of [b.wait, b.upload, b.queue, b.exec, b.download, m.serviceTimeS]) expect(v).toBeGreaterThanOrEqual(0);
  expect(b.wait + b.upload + b.queue + b.exec + b.download).toBeCloseTo(m.serviceTimeS, 6);
  const byReason = Object.values(m.failedPctByReason).reduce((s, x) => s + x, 0);
  expect(byReason).toBeCloseTo(m.failedTaskPct, 9);
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
