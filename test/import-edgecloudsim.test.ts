// The EdgeCloudSim importer on EdgeCloudSim's own sample_app4 files: the result is the built-in
// edgecloudsim-app4 preset, it loads and runs, units are converted, and the CLI writes it.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import { importEdgeCloudSimCommand } from "../src/cli/import-edgecloudsim.ts";
import { runReplica } from "../src/engine/run.ts";
import {
  defaultScenarioName, importEdgeCloudSim, minutesToSeconds, readEdgeCloudSimFiles, type EdgeCloudSimFiles,
} from "../src/scenario/edgecloudsim/import.ts";
import { loadScenario } from "../src/scenario/load.ts";
import { canonicalJson, resolveScenario } from "../src/scenario/validate.ts";

const DIR = fileURLToPath(new URL("./fixtures/edgecloudsim/sample_app4/", import.meta.url));
const PATHS = {
  properties: join(DIR, "default_config.properties"),
  applications: join(DIR, "applications.xml"),
  edgeDevices: join(DIR, "edge_devices.xml"),
};
const fixtures = (): EdgeCloudSimFiles => readEdgeCloudSimFiles(PATHS);
const tmp = mkdtempSync(join(tmpdir(), "mecbench-import-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** name, description and assumptions are prose about where the scenario came from, not the world it describes. */
function world(scenario: object): string {
  const { name: _n, description: _d, assumptions: _a, ...rest } = scenario as Record<string, unknown>;
  return canonicalJson(rest);
}

describe("importing EdgeCloudSim's sample_app4", () => {
  it("yields the edgecloudsim-app4 preset (everything but name, description and assumptions)", () => {
    const { scenario, policies, warnings } = importEdgeCloudSim(fixtures(), { name: "edgecloudsim-app4" });
    const preset = loadScenario("edgecloudsim-app4").scenario;
    expect(world(resolveScenario(scenario).scenario)).toBe(world(preset));
    // The imported file spells out every field, so even the raw JSON matches the preset file.
    const raw = JSON.parse(readFileSync(new URL("../src/scenario/presets/edgecloudsim-app4.json", import.meta.url), "utf8"));
    delete raw.$schema;
    expect(world(scenario)).toBe(world(raw));
    expect(policies).toEqual(["network-based", "utilization-based", "sonmez", "flores", "hybrid"]);
    expect(warnings).toEqual([]);
  });

  it("records the policy list in the description and the hard-coded values as assumptions", () => {
    const { scenario } = importEdgeCloudSim(fixtures());
    expect(scenario.description).toContain("NETWORK_BASED, UTILIZATION_BASED, FUZZY_BASED, FUZZY_COMPETITOR, HYBRID");
    expect(scenario.description).toContain("--policies network-based,utilization-based,sonmez,flores,hybrid");
    expect(scenario.assumptions?.map((a) => a.path)).toContain("workload.startS");
  });

  it("writes a scenario file that loads with loadScenario and runs", async () => {
    const out = join(tmp, "app4.json");
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const code = await importEdgeCloudSimCommand([
      "--properties", PATHS.properties, "--applications", PATHS.applications, "--edge-devices", PATHS.edgeDevices,
      "--out", out, "--name", "edgecloudsim-app4",
    ]);
    const printed = stdout.mock.calls.map((c) => String(c[0])).join("");
    stdout.mockRestore();
    stderr.mockRestore();
    expect(code).toBe(0);
    expect(printed).toContain("policies: network-based,utilization-based,sonmez,flores,hybrid (use with mecbench sweep --policies");
    const resolved = loadScenario(out);
    expect(resolved.scenario.name).toBe("edgecloudsim-app4");
    expect(printed).toContain(resolved.hash);
    const result = runReplica(resolved, "utilization-based", { devices: 50, seed: 1, durationS: 60, warmupS: 10 });
    expect(result.counts.generated).toBeGreaterThan(0);
    expect(result.counts.completed).toBeGreaterThan(0);
  });

  it("prints the scenario JSON alone on stdout without --out", async () => {
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const code = await importEdgeCloudSimCommand(["--properties", PATHS.properties, "--applications", PATHS.applications, "--edge-devices", PATHS.edgeDevices]);
    const printed = stdout.mock.calls.map((c) => String(c[0])).join("");
    const notes = stderr.mock.calls.map((c) => String(c[0])).join("");
    stdout.mockRestore();
    stderr.mockRestore();
    expect(code).toBe(0);
    expect(JSON.parse(printed).name).toBe("edgecloudsim-sample_app4");
    expect(notes).toContain("policies: network-based,");
  });

  it("prints its help", async () => {
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const code = await importEdgeCloudSimCommand(["--help"]);
    const printed = stdout.mock.calls.map((c) => String(c[0])).join("");
    stdout.mockRestore();
    expect(code).toBe(0);
    expect(printed).toContain("--edge-devices");
  });
});

describe("unit conversions", () => {
  const withProperties = (edit: (text: string) => string) => {
    const files = fixtures();
    return importEdgeCloudSim({ ...files, properties: { ...files.properties, text: edit(files.properties.text) } }).scenario;
  };

  it("converts the minutes of the properties to seconds", () => {
    const s = withProperties((t) => t);
    // EdgeCloudSim's reporting rules come with the world: every utilization sample, warm-up rejections counted.
    const ecsRules = { utilizationWindow: "whole-run", countWarmupRejections: true };
    expect(s.simulation).toEqual({ durationS: 1980, warmupS: 180, utilizationSampleIntervalS: 6, ...ecsRules });
    const t = withProperties((x) => x.replace("simulation_time=33", "simulation_time=0.5").replace("warm_up_period=3", "warm_up_period=0.25").replace("vm_load_check_interval=0.1", "vm_load_check_interval=0.025"));
    expect(t.simulation).toEqual({ durationS: 30, warmupS: 15, utilizationSampleIntervalS: 1.5, ...ecsRules });
    // EdgeCloudSim's 60 * 0.1 is 6.000000000000001 in doubles; the scenario keeps the intended 6.
    expect(minutesToSeconds(0.1)).toBe(6);
    expect(minutesToSeconds(0.7)).toBe(42);
  });

  it("keeps the device sweep, KB, MI, MIPS and dwell times", () => {
    const s = withProperties((t) => t.replace("min_number_of_mobile_devices=200", "min_number_of_mobile_devices=100").replace("max_number_of_mobile_devices=2400", "max_number_of_mobile_devices=1000").replace("mobile_device_counter_size=200", "mobile_device_counter_size=300"));
    expect(s.deviceCounts).toEqual([100, 400, 700, 1000]);
    const app = s.workload.apps[0]!;
    expect([app.uploadKb, app.downloadKb, app.lengthMi, app.requiredCores]).toEqual([1500, 25, 9000, 1]);
    expect(app.arrival).toEqual({ model: "idle-active-poisson", meanInterarrivalS: 2, activePeriodS: 40, idlePeriodS: 20 });
    expect(s.cloud.vms).toHaveLength(4);
    expect(s.cloud.vms[0]).toEqual({ cores: 4, mipsPerCore: 100000, ramMb: 32000, storageMb: 1000000 });
    expect(s.mobility).toEqual({ model: "nomadic", meanDwellByAttractivenessS: [480, 300, 120] });
    expect(s.network.model === "edgecloudsim" && s.network.man.propagationDelayS).toBe(0.005);
  });

  it("warns when the sweep cannot reach its maximum, as EdgeCloudSim's loop stops short", () => {
    const files = fixtures();
    const r = importEdgeCloudSim({ ...files, properties: { ...files.properties, text: files.properties.text.replace("mobile_device_counter_size=200", "mobile_device_counter_size=500") } });
    expect(r.scenario.deviceCounts).toEqual([200, 700, 1200, 1700, 2200]);
    expect(r.warnings.join("\n")).toMatch(/never reaches 2400/);
  });

  it("maps max_delay_requirement to a deadline, with a warning, and 0 to none", () => {
    const files = fixtures();
    const text = files.applications.text
      .replace("<required_core>1</required_core>", "<required_core>1</required_core>\n\t\t<max_delay_requirement>0.5</max_delay_requirement>")
      .replace(/(<application name="HEALTH_APP">[\s\S]*?<required_core>1<\/required_core>)/, "$1<max_delay_requirement>0</max_delay_requirement>");
    const r = importEdgeCloudSim({ ...files, applications: { ...files.applications, text } });
    expect(r.scenario.workload.apps.map((a) => a.maxDelayS)).toEqual([0.5, null, null, null]);
    expect(r.warnings.join("\n")).toMatch(/AUGMENTED_REALITY.*deadline/);
  });

  it("derives the default name from the folder, skipping EdgeCloudSim's config folder", () => {
    expect(defaultScenarioName(PATHS.properties)).toBe("edgecloudsim-sample_app4");
    expect(defaultScenarioName("/x/EdgeCloudSim/scripts/sample_app2/config/default_config.properties")).toBe("edgecloudsim-sample_app2");
  });
});
