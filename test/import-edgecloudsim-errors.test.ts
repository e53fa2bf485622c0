// Strictness of the EdgeCloudSim importer: each input below is sample_app4 with one mistake, and
// the import must name the file, the line (or element path), the value and a fix.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importEdgeCloudSim, readEdgeCloudSimFiles, type EdgeCloudSimFiles, type ImportResult } from "../src/scenario/edgecloudsim/import.ts";
import type { Problem } from "../src/scenario/errors.ts";
import { problemsOf } from "./helpers/problems.ts";

const DIR = fileURLToPath(new URL("./fixtures/edgecloudsim/sample_app4/", import.meta.url));
const FIXTURES = readEdgeCloudSimFiles({
  properties: join(DIR, "default_config.properties"),
  applications: join(DIR, "applications.xml"),
  edgeDevices: join(DIR, "edge_devices.xml"),
});

type Edit = (text: string) => string;
interface Edits {
  properties?: Edit;
  applications?: Edit;
  edgeDevices?: Edit;
}

/** The fixtures with short names (as in the messages) and the given edits applied. */
function files(edits: Edits): EdgeCloudSimFiles {
  const one = (key: keyof Edits, name: string) => ({ name, text: (edits[key] ?? ((t: string) => t))(FIXTURES[key].text) });
  return {
    properties: one("properties", "default_config.properties"),
    applications: one("applications", "applications.xml"),
    edgeDevices: one("edgeDevices", "edge_devices.xml"),
  };
}

function problems(edits: Edits, lenient = false): Problem[] {
  return problemsOf(() => importEdgeCloudSim(files(edits), { lenient }));
}

function ok(edits: Edits, lenient = false): ImportResult {
  return importEdgeCloudSim(files(edits), { lenient });
}

const replaceLine = (from: string, to: string): Edit => (t) => {
  if (!t.includes(from)) throw new Error(`fixture does not contain ${from}`);
  return t.replace(from, to);
};

describe("properties file", () => {
  it("rejects an unknown key with a did-you-mean (sample_app5's real typo wan_propogation_delay)", () => {
    const [p, ...rest] = problems({ properties: replaceLine("wan_propagation_delay=0.1", "wan_propogation_delay=0.15") });
    expect(rest).toEqual([]);
    expect(p!.path).toBe("default_config.properties:13 wan_propogation_delay");
    expect(p!.message).toMatch(/did you mean "wan_propagation_delay"/);
    expect(p!.value).toBe("0.15");
    expect(p!.fix).toBe('rename it to "wan_propagation_delay"');
  });

  it("--lenient turns unknown keys into warnings", () => {
    const r = ok({ properties: replaceLine("wan_propagation_delay=0.1", "wan_propogation_delay=0.15") }, true);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^default_config\.properties:13 wan_propogation_delay: .*ignored \(--lenient\)/);
  });

  it("accepts known keys that do not matter to mecbench", () => {
    const extra = "\nap_delay_check_interval=0.1\nwlan_range=200\ngsm_propagation_delay=0.1\nnorthern_bound=1\n";
    expect(ok({ properties: (t) => t + extra }).warnings).toEqual([]);
  });

  it("reports a missing required key and an empty value", () => {
    const ps = problems({ properties: (t) => t.replace("simulation_time=33\n", "").replace("warm_up_period=3", "warm_up_period=") });
    expect(ps.map((p) => p.path)).toEqual(["default_config.properties:2 warm_up_period", "default_config.properties simulation_time"]);
    expect(ps[1]!.message).toMatch(/missing required key/);
    expect(ps[1]!.fix).toBe("add a line simulation_time=...");
  });

  it("reports non-numeric and non-integer values", () => {
    const ps = problems({ properties: (t) => t.replace("simulation_time=33", "simulation_time=33min").replace("min_number_of_mobile_devices=200", "min_number_of_mobile_devices=200.5") });
    expect(ps.map((p) => [p.path, p.value])).toEqual([
      ["default_config.properties:2 simulation_time", "33min"],
      ["default_config.properties:9 min_number_of_mobile_devices", "200.5"],
    ]);
    expect(ps[1]!.message).toMatch(/Integer\.parseInt/);
  });

  it("lists the known policies for an unknown or unsupported one", () => {
    const ps = problems({ properties: replaceLine("NETWORK_BASED,UTILIZATION_BASED,FUZZY_BASED", "NETWORK_BASED,UTILIZATION_BASED,FUZZY_BASD,ONLY_EDGE") });
    expect(ps).toHaveLength(2);
    expect(ps[0]!.path).toBe("default_config.properties:34 orchestrator_policies");
    expect(ps[0]!.message).toMatch(/unknown orchestrator policy FUZZY_BASD \(did you mean FUZZY_BASED\?\)/);
    expect(ps[0]!.fix).toMatch(/UTILIZATION_BASED, NETWORK_BASED, HYBRID, FUZZY_BASED, FUZZY_COMPETITOR, RANDOM_FIT, FIRST_FIT, NEXT_FIT, BEST_FIT, WORST_FIT/);
    expect(ps[1]!.message).toMatch(/ONLY_EDGE .*no mecbench equivalent/);
  });

  it("rejects names with spaces around commas, which EdgeCloudSim would not recognise", () => {
    const ps = problems({ properties: replaceLine("FUZZY_COMPETITOR,HYBRID", "FUZZY_COMPETITOR, HYBRID") });
    expect(ps[0]!.value).toBe(" HYBRID");
  });

  it("maps the sample_app1 fit policies", () => {
    const r = ok({ properties: replaceLine("NETWORK_BASED,UTILIZATION_BASED,FUZZY_BASED,FUZZY_COMPETITOR,HYBRID", "RANDOM_FIT,FIRST_FIT,NEXT_FIT,BEST_FIT,WORST_FIT") });
    expect(r.policies).toEqual(["random", "first-fit", "next-fit", "best-fit", "worst-fit"]);
  });

  it("refuses scenarios other than TWO_TIER_WITH_EO, naming the known ones", () => {
    const ps = problems({ properties: replaceLine("simulation_scenarios=TWO_TIER_WITH_EO", "simulation_scenarios=SINGLE_TIER,TWO_TIER_WITH_EO,TWO_TIER_WTH_EO") });
    expect(ps.map((p) => p.value)).toEqual(["SINGLE_TIER", "TWO_TIER_WTH_EO"]);
    expect(ps[0]!.message).toMatch(/not supported: edge only/);
    expect(ps[1]!.message).toMatch(/did you mean TWO_TIER_WITH_EO/);
    expect(ps[1]!.fix).toMatch(/known: TWO_TIER_WITH_EO, SINGLE_TIER, TWO_TIER, MOBILE_PROCESSING_SCENARIO, ITS_SCENARIO/);
  });

  it("refuses mobile VMs and sample_app1's M/M/1 network as not supported", () => {
    const ps = problems({ properties: (t) => t.replace("core_for_mobile_vm=0", "core_for_mobile_vm=1").replace("wlan_bandwidth=0", "wlan_bandwidth=200") });
    expect(ps.map((p) => p.path)).toEqual(["default_config.properties:15 wlan_bandwidth", "default_config.properties:28 core_for_mobile_vm"]);
    expect(ps[0]!.message).toMatch(/M\/M\/1 .*not support/);
    expect(ps[1]!.message).toMatch(/mobile VMs .*not supported/);
  });

  it("rejects a warm-up not shorter than the run and an empty cloud", () => {
    const ps = problems({ properties: (t) => t.replace("warm_up_period=3", "warm_up_period=40").replace("number_of_vm_on_cloud_host=4", "number_of_vm_on_cloud_host=0") });
    expect(ps.map((p) => p.path)).toEqual(["default_config.properties:3 warm_up_period", "default_config.properties:21 number_of_vm_on_cloud_host"]);
  });

  it("rejects a repeated key unless lenient (then the last value wins, as in Java)", () => {
    const edit: Edits = { properties: (t) => `${t}\nsimulation_time=10\n` };
    expect(problems(edit)[0]!.message).toMatch(/set again \(first at line 2\)/);
    expect(ok(edit, true).scenario.simulation.durationS).toBe(600);
  });
});

describe("applications.xml", () => {
  it("names file, line, element path and value for a bad number", () => {
    const [p] = problems({ applications: replaceLine("<task_length>3000</task_length>", "<task_length>3k</task_length>") });
    expect(p!.path).toBe('applications.xml:27 <application name="HEALTH_APP">/<task_length>');
    expect(p!.value).toBe("3k");
  });

  it("rejects negative and zero sizes, all at once", () => {
    const ps = problems({
      applications: (t) => t.replace("<data_upload>20</data_upload>", "<data_upload>-20</data_upload>").replace("<data_download>1000</data_download>", "<data_download>0</data_download>"),
    });
    expect(ps.map((p) => [p.path, p.value])).toEqual([
      ['applications.xml:25 <application name="HEALTH_APP">/<data_upload>', "-20"],
      ['applications.xml:56 <application name="INFOTAINMENT_APP">/<data_download>', "0"],
    ]);
    expect(ps[0]!.message).toMatch(/must be a number > 0 \(KB\)/);
  });

  it("rejects usage percentages that do not sum to 100", () => {
    const [p] = problems({ applications: replaceLine("<usage_percentage>30</usage_percentage>", "<usage_percentage>40</usage_percentage>") });
    expect(p!.message).toBe("usage percentages sum to 110, not 100");
    expect(p!.value).toBe("AUGMENTED_REALITY=40, HEALTH_APP=20, HEAVY_COMP_APP=20, INFOTAINMENT_APP=30");
  });

  it("reports a missing required element and an unknown one with a did-you-mean", () => {
    const ps = problems({ applications: replaceLine("<data_upload>1500</data_upload>", "<data_uplod>1500</data_uplod>") });
    expect(ps.map((p) => p.message)).toEqual(["missing required element <data_upload>", "unknown element <data_uplod> (did you mean <data_upload>?)"]);
    expect(ps[0]!.path).toBe('applications.xml:3 <application name="AUGMENTED_REALITY">/<data_upload>');
    expect(ps[1]!.path).toBe('applications.xml:10 <application name="AUGMENTED_REALITY">/<data_uplod>');
  });

  it("--lenient ignores unknown elements", () => {
    const r = ok({ applications: replaceLine("<required_core>1</required_core>", "<required_core>1</required_core><colour>red</colour>") }, true);
    expect(r.warnings[0]).toMatch(/unknown element <colour>/);
  });

  it("reports malformed XML with its line: a mismatched and an unclosed tag", () => {
    const [mismatched] = problems({ applications: replaceLine("<data_upload>2500</data_upload>", "<data_upload>2500</data_uplaod>") });
    expect(mismatched!.path).toBe("applications.xml:40");
    expect(mismatched!.message).toMatch(/<\/data_uplaod> does not match <data_upload> opened at line 40/);
    const [unclosed] = problems({ applications: (t) => t.replace(/<\/applications>\s*$/, "") });
    expect(unclosed!.path).toBe("applications.xml:2");
    expect(unclosed!.message).toMatch(/<applications> is never closed/);
  });

  it("reports problems in all three files at once", () => {
    const ps = problems({
      properties: replaceLine("simulation_time=33", "simulation_time=-1"),
      applications: replaceLine("<idle_period>20</idle_period>", "<idle_period>x</idle_period>"),
      edgeDevices: replaceLine("<wlan_id>1</wlan_id>", "<wlan_id>0</wlan_id>"),
    });
    expect(ps.map((p) => p.path.split(":")[0])).toEqual(["default_config.properties", "applications.xml", "edge_devices.xml"]);
  });
});

describe("edge_devices.xml", () => {
  it("rejects a duplicate wlan_id and zero or negative VM sizes", () => {
    const ps = problems({
      edgeDevices: (t) => t.replace("<wlan_id>1</wlan_id>", "<wlan_id>0</wlan_id>").replace("<mips>10000</mips>", "<mips>0</mips>"),
    });
    expect(ps.map((p) => p.path)).toEqual(["edge_devices.xml:23 <datacenter #0>/<hosts>/<host>/<VMs>/<VM #0>/<mips>"]);
    const dup = problems({ edgeDevices: (t) => t.replace("<wlan_id>1</wlan_id>", "<wlan_id>0</wlan_id>") });
    expect(dup[0]!.message).toMatch(/wlan_id 0 is also used by datacenter #0/);
  });

  it("rejects VMs that do not fit their host (EdgeCloudSim aborts)", () => {
    const [p] = problems({ edgeDevices: replaceLine("<core>16</core>", "<core>8</core>") });
    expect(p!.path).toBe("edge_devices.xml:15 <datacenter #0>/<hosts>/<host>");
    expect(p!.message).toMatch(/need 16 cores, the host has 8/);
  });

  it("rejects a missing attribute and an out-of-range attractiveness", () => {
    const ps = problems({ edgeDevices: (t) => t.replace('<VM vmm="Xen">', "<VM>").replace("<attractiveness>0</attractiveness>", "<attractiveness>3</attractiveness>") });
    expect(ps.map((p) => p.path)).toEqual([
      "edge_devices.xml:12 <datacenter #0>/<location>/<attractiveness>",
      "edge_devices.xml:21 <datacenter #0>/<hosts>/<host>/<VMs>/<VM #0>",
    ]);
  });
});
