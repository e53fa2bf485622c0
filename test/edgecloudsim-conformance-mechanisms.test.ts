// The EdgeCloudSim mechanisms behind its reported numbers (docs/edgecloudsim.md, Conformance), each
// on a small world whose answer is known in closed form: the orchestrator's MAN probe loading the
// M/M/1 estimator (network.man.probesLoadEstimator), a WAN transfer refused at the table's 25
// clients and counted during the warm-up as EdgeCloudSim does (simulation.countWarmupRejections),
// the utilization averaging window (simulation.utilizationWindow), and admission against the running
// tasks only, uploads invisible (compute.admission).
import { describe, expect, it } from "vitest";
import { runReplica } from "../src/engine/run.ts";
import type { RunResult } from "../src/results/run-result.ts";
import type { PolicyFactory } from "../src/policies/types.ts";
import { worstFitCloud, worstFitHost } from "../src/policies/vm-choice.ts";
import { loadScenario } from "../src/scenario/load.ts";
import { resolveScenario } from "../src/scenario/validate.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = any;

function app4(): Data {
  return JSON.parse(JSON.stringify(loadScenario("edgecloudsim-app4").scenario));
}

/** One app, fixed sizes, every device emitting exactly every `intervalS` from workload.startS on, devices never move. */
function oneApp(data: Data, app: { uploadKb: number; downloadKb: number; lengthMi: number; edgePct: number; intervalS: number }): Data {
  data.workload.sizeDistribution = "fixed";
  data.workload.apps = [{
    name: "APP", sharePct: 100, delaySensitivity: 0.5, lengthMi: app.lengthMi, uploadKb: app.uploadKb, downloadKb: app.downloadKb,
    maxDelayS: null, memoryMb: 0, requiredCores: 1, vmUtilizationPct: { edge: app.edgePct, cloud: app.edgePct },
    arrival: { model: "uniform-interval", minIntervalS: app.intervalS, maxIntervalS: app.intervalS },
  }];
  data.mobility = { model: "static" };
  return data;
}

/** Every task to the edge host after the device's own: each task crosses the MAN both ways. */
const remoteEdge: PolicyFactory = {
  name: "remote-edge", description: "test: always the next host's least-loaded VM",
  create: ({ infra }) => ({ name: "remote-edge", decide: (task, view) => worstFitHost(view, task, (view.localHost(task) + 1) % infra.hostCount) }),
};

const cloudOnly: PolicyFactory = {
  name: "cloud-only", description: "test: always the cloud",
  create: () => ({ name: "cloud-only", decide: (task, view) => worstFitCloud(view, task) }),
};

describe("EdgeCloudSim's MAN estimator loaded by the orchestrator's probe (network.man.probesLoadEstimator)", () => {
  // One app of 1664 KB uploads: μ_up = 1300·1024 Kbps / (1664·8 Kb) = 100 transfers/s exactly. Each
  // device emits at 11, 12, … s (startS 10, every 1 s), so from the estimator refresh at 20 s on every
  // 5-s window holds 5 arrivals per device: N·5 probes and N·5 MAN relay uploads. λN = calls / 5 s.
  const MU_UP = 100;
  const UPLOAD_KB = (1300 * 1024) / 8 / MU_UP;
  const DOWNLOAD_KB = 1;
  const MU_DOWN = (1300 * 1024) / (DOWNLOAD_KB * 8);
  const world = (devices: number, probes: boolean): RunResult => {
    const data = oneApp(app4(), { uploadKb: UPLOAD_KB, downloadKb: DOWNLOAD_KB, lengthMi: 100, edgePct: 1, intervalS: 1 });
    data.network.man.probesLoadEstimator = probes;
    return runReplica(resolveScenario(data), remoteEdge, { devices, seed: 1, durationS: 60, warmupS: 20 });
  };
  const manS = (lambdaN: number) => 1 / (MU_UP - lambdaN) + 0.005 + 1 / (MU_DOWN - lambdaN) + 0.005;

  it(`the MAN delay is the M/M/1 sojourn at λN = relays (+ probes) per second`, () => {
    // 40 devices: 40 relays/s; with the probe 80 calls/s. Both stable, both analytic.
    const without = world(40, false);
    const withProbes = world(40, true);
    expect(without.counts.counted.failed).toBe(0);
    expect(withProbes.counts.counted.failed).toBe(0);
    expect(without.metrics.linkDelayS.man).toBeCloseTo(manS(40), 9);
    // Downloads carry no probe: their λN stays at the relay rate.
    const probeUp = 1 / (MU_UP - 80) + 0.005 + 1 / (MU_DOWN - 40) + 0.005;
    expect(withProbes.metrics.linkDelayS.man).toBeCloseTo(probeUp, 9);
  });

  it(`the MAN fails every relay once probes + relays exceed μ − 1/(15 − 0.005) per second`, () => {
    // 60 devices: 60 relays/s (stable, 0.025 s) but 120 calls/s with the probe > 99.93 → 1/(μ − λN) < 0.
    const without = world(60, false);
    const withProbes = world(60, true);
    expect(without.counts.counted.failed).toBe(0);
    expect(withProbes.counts.counted.completed).toBe(0);
    expect(withProbes.counts.counted.failedByReason.network).toBe(withProbes.counts.counted.failed);
    expect(withProbes.counts.counted.failed).toBe(60 * 40); // arrivals at 20 … 59 s
  });
});

describe("WAN refusal at the table's length and EdgeCloudSim's warm-up rule (simulation.countWarmupRejections)", () => {
  // One access point; every device sends one 2000 KB cloud upload at 110 s (startS 10, interval 100 s;
  // the run ends at 200 s, before the second).
  // The WAN table has 25 entries: the 26th simultaneous transfer at an access point gets no bandwidth.
  const world = (devices: number, countWarmupRejections: boolean, warmupS: number): RunResult => {
    const data = oneApp(app4(), { uploadKb: 2000, downloadKb: 1, lengthMi: 100, edgePct: 1, intervalS: 100 });
    data.edge.hosts = [data.edge.hosts[0]];
    data.edge.hosts[0].accessPoint = 0;
    data.simulation.countWarmupRejections = countWarmupRejections;
    return runReplica(resolveScenario(data), cloudOnly, { devices, seed: 1, durationS: 200, warmupS });
  };

  it(`25 concurrent WAN uploads go through, the 26th is refused (reason network)`, () => {
    expect(world(25, false, 0).counts.counted.failed).toBe(0);
    const r = world(26, false, 0);
    expect(r.counts.counted.failed).toBe(1);
    expect(r.counts.counted.failedByReason.network).toBe(1);
    expect(r.counts.counted.completed).toBe(25);
  });

  it(`a rejection at submission during the warm-up is counted only under EdgeCloudSim's rule`, () => {
    // Warm-up until 120 s: every task arrives in it (110 s). Ours would count none of them, so such
    // a run is refused (src/scenario/run-window.ts) instead of reporting nothing.
    expect(() => world(26, false, 120)).toThrow(/only 80 s are counted/);
    // EdgeCloudSim: the refused upload is counted; the 25 that got through stay warm-up tasks.
    const ecs = world(26, true, 120);
    expect(ecs.counts.counted.failed).toBe(1);
    expect(ecs.counts.counted.failedByReason.network).toBe(1);
    expect(ecs.counts.counted.completed).toBe(0);
  });
});

describe("utilization averaging window (simulation.utilizationWindow)", () => {
  it(`whole-run averages EdgeCloudSim's samples, warm-up (all 0 here) included`, () => {
    // No task before 180 s, so every warm-up sample is 0; samples every 6 s. whole-run over 300 s
    // takes EdgeCloudSim's 6 … 294 s (49: its stop at 300 s runs before a sample there), of which
    // 180 … 294 s are 20. after-warmup over 299 s takes exactly those 20 (the same events: nothing
    // after 299 s changes an earlier sample). So whole-run · 49 = after-warmup · 20.
    const run = (window: "whole-run" | "after-warmup", durationS: number) => {
      const data = app4();
      data.workload.startS = 180;
      data.simulation.utilizationWindow = window;
      return runReplica(resolveScenario(data), "utilization-based", { devices: 300, seed: 2, durationS, warmupS: 180 });
    };
    const after = run("after-warmup", 299), whole = run("whole-run", 300);
    expect(after.utilizationWindow).toBe("after-warmup");
    expect(whole.utilizationWindow).toBe("whole-run");
    expect(after.metrics.vmUtilizationPct.edge).toBeGreaterThan(1);
    expect(whole.metrics.vmUtilizationPct.edge! * 49).toBeCloseTo(after.metrics.vmUtilizationPct.edge! * 20, 9);
    expect(whole.metrics.vmUtilizationPct.cloud! * 49).toBeCloseTo(after.metrics.vmUtilizationPct.cloud! * 20, 9);
    // The window changes what is reported, not what happens.
    expect(run("after-warmup", 300).counts).toEqual(whole.counts);
  });
});

describe("admission against the running tasks only (compute.admission)", () => {
  // One access point, one edge host; every device sends one task of 60 % edge utilization at 110 s
  // (startS 10, interval 100 s; the run ends at 200 s) to VM 0 whenever VM 0 admits it. The three
  // decisions happen at 110 s, before any upload (at least 0.15 s over the WLAN) has arrived.
  const firstVm: PolicyFactory = {
    name: "first-vm", description: "test: VM 0 if it admits the task, else no VM",
    create: () => ({ name: "first-vm", decide: (task, view) => (view.fits(task, 0) ? 0 : -1) }),
  };
  const world = (admission: "bound-tasks" | "running-tasks"): RunResult => {
    const data = oneApp(app4(), { uploadKb: 5000, downloadKb: 1, lengthMi: 100_000, edgePct: 60, intervalS: 100 });
    data.edge.hosts = [data.edge.hosts[0]];
    data.edge.hosts[0].accessPoint = 0;
    data.compute.admission = admission;
    return runReplica(resolveScenario(data), firstVm, { devices: 3, seed: 1, durationS: 200, warmupS: 0 });
  };

  it(`bound-tasks reserves 60 % at the decision, so VM 0 admits one task of the three`, () => {
    const r = world("bound-tasks");
    expect(r.counts.counted.completed).toBe(1);
    expect(r.counts.counted.failedByReason.capacity).toBe(2);
  });

  it(`running-tasks (EdgeCloudSim's getVmToOffload) does not see tasks still uploading: all three, 180 % on VM 0`, () => {
    const r = world("running-tasks");
    expect(r.counts.counted.failed).toBe(0);
    expect(r.counts.counted.completed).toBe(3);
    // CloudSim's time sharing, no cap at 100 %: the uploads (5000 KB at the WLAN table's 1st, 2nd
    // and 3rd entry × 3) arrive at sA < sB < sC; each task gets 2 cores × 10 000 MIPS / max(tasks, 2).
    const L = 100_000;
    const [sA, sB, sC] = [88040.279, 45150.982, 30303.641].map((kbps) => (5000 * 8) / (kbps * 3)) as [number, number, number];
    const remA = L - 10_000 * (sC - sA), remB = L - 10_000 * (sC - sB);
    const fA = sC + remA / (20_000 / 3); // three tasks share until A is done
    const fB = fA + (remB - remA) / 10_000; // then two, each on its own core
    const fC = fB + (L - remA - (remB - remA)) / 10_000; // then C alone (one core)
    expect(r.metrics.processingTimeS).toBeCloseTo((fA - sA + (fB - sB) + (fC - sC)) / 3, 6);
  });
});
