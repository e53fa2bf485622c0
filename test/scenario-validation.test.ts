// Malformed scenarios: each must be rejected with a problem naming the right JSON path.
import { describe, expect, it } from "vitest";
import { InputError } from "../src/scenario/errors.ts";
import { loadScenario } from "../src/scenario/load.ts";
import { resolveScenario } from "../src/scenario/validate.ts";

type Mutable = Record<string, any>;
const base = (): Mutable => JSON.parse(JSON.stringify(loadScenario("paper").scenario));
const ecs = (): Mutable => JSON.parse(JSON.stringify(loadScenario("edgecloudsim-app4").scenario));

const cases: [string, () => Mutable, string, RegExp?][] = [
  ["unknown key with a typo", () => { const s = base(); s.workload.apps[0].lenghtMi = 5; return s; }, "workload.apps[0].lenghtMi", /did you mean "lengthMi"/],
  ["unknown top-level key", () => { const s = base(); s.simulaton = {}; return s; }, "simulaton", /did you mean "simulation"/],
  ["negative duration", () => { const s = base(); s.simulation.durationS = -5; return s; }, "simulation.durationS"],
  ["missing required field", () => { const s = base(); delete s.workload.apps[1].lengthMi; return s; }, "workload.apps[1].lengthMi"],
  ["wrong type", () => { const s = base(); s.workload.apps[2].uploadKb = "2500"; return s; }, "workload.apps[2].uploadKb"],
  ["shares do not sum to 100", () => { const s = base(); s.workload.apps[0].sharePct = 31; return s; }, "workload.apps[*].sharePct", /sum to 101/],
  ["min interval above max", () => { const s = base(); s.workload.apps[3].arrival.minIntervalS = 0.9; return s; }, "workload.apps[3].arrival.minIntervalS"],
  ["zero interval", () => { const s = base(); s.workload.apps[0].arrival.maxIntervalS = 0; return s; }, "workload.apps[0].arrival.maxIntervalS"],
  ["unknown arrival model", () => { const s = base(); s.workload.apps[0].arrival.model = "poisson"; return s; }, "workload.apps[0].arrival.model"],
  ["delay sensitivity above 1", () => { const s = base(); s.workload.apps[1].delaySensitivity = 1.5; return s; }, "workload.apps[1].delaySensitivity"],
  ["cloud without VMs", () => { const s = base(); s.cloud.vms = []; return s; }, "cloud.vms"],
  ["edge host without VMs", () => { const s = base(); s.edge.hosts[1].vms = []; return s; }, "edge.hosts[1].vms"],
  ["fractional cores", () => { const s = base(); s.edge.hosts[0].vms[3].cores = 1.5; return s; }, "edge.hosts[0].vms[3].cores"],
  ["two hosts on one access point", () => { const s = base(); s.edge.hosts[2].accessPoint = 0; return s; }, "edge.hosts[2].accessPoint"],
  ["link min above max", () => { const s = base(); s.network.remoteEdge.minMbps = 500; return s; }, "network.remoteEdge.minMbps"],
  ["warm-up longer than the run", () => { const s = base(); s.simulation.warmupS = 5000; return s; }, "simulation.warmupS"],
  ["memory no VM can hold", () => { const s = base(); s.workload.apps[2].memoryMb = 64000; return s; }, "workload.apps[2].memoryMb"],
  ["overflow queue without batches", () => { const s = base(); s.orchestration.batchIntervalS = 0; return s; }, "orchestration.overflowQueue"],
  ["duplicate sweep point", () => { const s = base(); s.deviceCounts = [200, 400, 200]; return s; }, "deviceCounts[2]"],
  ["unknown compute model", () => { const s = base(); s.compute.model = "round-robin"; return s; }, "compute.model"],
  ["nomadic dwell times missing one level", () => { const s = ecs(); s.mobility.meanDwellByAttractivenessS = [480, 300]; return s; }, "mobility.meanDwellByAttractivenessS"],
  ["empty WAN table", () => { const s = ecs(); s.network.wanKbpsByActiveClients = []; return s; }, "network.wanKbpsByActiveClients"],
  ["typo inside a network model", () => { const s = ecs(); s.network.man.bandwithKbps = 1; return s; }, "network.man.bandwithKbps", /did you mean "bandwidthKbps"/],
];

describe("scenario validation", () => {
  for (const [name, make, path, message] of cases) {
    it(`rejects: ${name} (at ${path})`, () => {
      let error: unknown;
      try {
        resolveScenario(make(), "bad.json");
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputError);
      const problems = (error as InputError).problems;
      const hit = problems.find((p) => p.path === path);
      expect(hit, `paths reported: ${problems.map((p) => p.path).join(", ")}`).toBeDefined();
      expect(hit!.fix.length).toBeGreaterThan(3);
      if (message) expect(hit!.message).toMatch(message);
      expect((error as Error).message).toContain("bad.json");
    });
  }

  it("reports every problem at once", () => {
    const s = base();
    s.simulation.durationS = 0;
    s.workload.apps[0].foo = 1;
    s.cloud.vms[0].cores = 0;
    try {
      resolveScenario(s, "bad.json");
      expect.unreachable();
    } catch (e) {
      expect((e as InputError).problems.map((p) => p.path).sort()).toEqual(["cloud.vms[0].cores", "simulation.durationS", "workload.apps[0].foo"]);
    }
  });

  it("the resolved scenario is frozen and its hash is stable", () => {
    const a = loadScenario("paper");
    expect(Object.isFrozen(a.scenario.workload.apps[0])).toBe(true);
    expect(loadScenario("paper").hash).toBe(a.hash);
    const s = base();
    s.simulation.durationS = 600;
    expect(resolveScenario(s).hash).not.toBe(a.hash);
  });

  it("defaults are filled: a minimal scenario resolves", () => {
    const s = base();
    delete s.orchestration;
    delete s.policyOptions;
    delete s.assumptions;
    delete s.compute.cpuMaxFraction;
    const r = resolveScenario(s).scenario;
    expect(r.orchestration).toEqual({ batchIntervalS: 0, overflowQueue: false });
    expect(r.compute.cpuMaxFraction).toBe(0.9);
  });

  it("a file that is not JSON names the line and column", () => {
    expect(() => loadScenario("/nonexistent/file.json")).toThrow(/neither a built-in preset nor an existing file/);
  });
});
