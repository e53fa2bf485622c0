// The EdgeCloudSim network: the M/M/1 MAN against its closed form, empirical table look-ups.
import { describe, expect, it } from "vitest";
import { Simulation } from "../src/engine/replica.ts";
import { loadScenario } from "../src/scenario/load.ts";

function sim(devices: number) {
  const sc = loadScenario("edgecloudsim-app4").scenario;
  return new Simulation(sc, { devices, seed: 1, durationS: 100, warmupS: 0 });
}

describe("EdgeCloudSim network model", () => {
  it("MAN delay is the M/M/1 sojourn time 1/(μ − λN) + propagation with EdgeCloudSim's initial estimates", () => {
    // sample_app4: M0 = Σ 4·interarrival·w / #apps = 7.3 s; S_up0 = Σ upload·w / #apps = 240.375 KB.
    const m0 = (4 * (2 * 0.3 + 3 * 0.2 + 20 * 0.2 + 7 * 0.3)) / 4;
    const s0 = (1500 * 0.3 + 20 * 0.2 + 2500 * 0.2 + 25 * 0.3) / 4;
    expect(m0).toBeCloseTo(7.3, 12);
    expect(s0).toBeCloseTo(240.375, 12);
    for (const n of [200, 1000, 2000]) {
      const mu = (1300 * 1024) / (s0 * 8);
      const expected = 1 / (mu - n / m0) + 0.005;
      expect(sim(n).network.manDelayS()).toBeCloseTo(expected, 12);
    }
    // the spec's quoted values: ≈ 6.5 ms at 200 devices, 7.4 ms at 2000
    expect(sim(200).network.manDelayS()).toBeCloseTo(0.0065, 3);
    expect(sim(2000).network.manDelayS()).toBeCloseTo(0.0074, 3);
  });

  it("an unstable MAN (λN ≥ μ) reports 0, i.e. a network failure", () => {
    expect(sim(100_000).network.manDelayS()).toBe(0);
  });

  it("WAN probe = table throughput at the active client count / 1024 (EdgeCloudSim's 128 KB dummy upload)", () => {
    const s = sim(10);
    expect(s.network.wanBandwidthMbps(0)).toBeCloseTo(20703.973 / 1024, 9);
  });

  it("WLAN look-up: the k-th concurrent transfer gets table[k] × 3", () => {
    const s = sim(10);
    // no client active at access point 3: entry 0
    expect(s.network.tierBandwidthMbps(0, 3)).toBeCloseTo((88040.279 * 3) / 1000, 9);
  });

  it("a local-edge task alone: network delay = (up + down)·8 / (88040.279·3) s (first WLAN table entry)", async () => {
    const { runReplica } = await import("../src/engine/run.ts");
    const { resolveScenario } = await import("../src/scenario/validate.ts");
    const { worstFitHost } = await import("../src/policies/vm-choice.ts");
    const data = JSON.parse(JSON.stringify(loadScenario("edgecloudsim-app4").scenario));
    data.workload.sizeDistribution = "fixed";
    data.mobility = { model: "static" };
    // Tasks far apart, so every transfer is alone on the access point.
    for (const app of data.workload.apps) app.arrival = { model: "uniform-interval", minIntervalS: 30, maxIntervalS: 30 };
    const r = runReplica(resolveScenario(data), {
      name: "local", description: "test",
      create: () => ({ name: "local", decide: (task, view) => worstFitHost(view, task, view.localHost(task)) }),
    }, { devices: 1, seed: 3, durationS: 600, warmupS: 0 });
    expect(r.metrics.tierSharePct.localEdge).toBe(100);
    const rate = 88040.279 * 3;
    const apps = data.workload.apps as { name: string; uploadKb: number; downloadKb: number; lengthMi: number }[];
    const app = apps.find((a) => r.metrics.perApp[a.name]!.completed > 0)!;
    const summary = r.metrics.perApp[app.name]!;
    expect(summary.networkDelayS).toBeCloseTo(((app.uploadKb + app.downloadKb) * 8) / rate, 12);
    // alone on a 2-core 10 000 MIPS VM: execution at full per-core speed
    expect(summary.processingTimeS).toBeCloseTo(app.lengthMi / 10000, 9);
  });
});
