// EdgeCloudSim configuration (default_config.properties, applications.xml, edge_devices.xml) ->
// a mecbench scenario. Strict: every problem in the three files is reported at once, with the file,
// line, element path, value found and a fix; unknown keys/elements are errors unless `lenient`.
// Only the sample_app2-4 world (empirical WLAN/WAN tables, TWO_TIER_WITH_EO, no mobile VMs) exists
// in mecbench; anything else is refused with the reason. Divergences: docs/edgecloudsim.md.
import { basename, dirname, resolve } from "node:path";
import { didYouMean, InputError, type Problem } from "../errors.ts";
import type { ScenarioInput } from "../schema.ts";
import { resolveScenario } from "../validate.ts";
import { readTextFile } from "../input-file.ts";
import {
  CLIENT_ACTIVITY_START_S, MAN_BANDWIDTH_KBPS, MAN_ESTIMATOR_INTERVAL_S, MAN_FIRST_ESTIMATOR_UPDATE_S, MAN_MAX_DELAY_S,
  WAN_KBPS_BY_ACTIVE_CLIENTS, WAN_PROBE_SIZE_KB, WLAN_CAPACITY_FACTOR, WLAN_KBPS_BY_ACTIVE_CLIENTS,
} from "./constants.ts";
import { Diagnostics } from "./diagnostics.ts";
import { POLICY_NAMES, SUPPORTED_SCENARIO, UNSUPPORTED_POLICIES, UNSUPPORTED_SCENARIOS } from "./names.ts";
import { readApplications, type EdgeCloudSimApp } from "./read-applications.ts";
import { readEdgeDevices, type EdgeCloudSimDatacenter } from "./read-edge-devices.ts";
import { readProperties, type PropertyValues } from "./read-properties.ts";

/** One input file: a name for messages (the path as given) and its text. */
export interface EdgeCloudSimSource {
  name: string;
  text: string;
}

export interface EdgeCloudSimFiles {
  properties: EdgeCloudSimSource;
  applications: EdgeCloudSimSource;
  edgeDevices: EdgeCloudSimSource;
}

export interface ImportOptions {
  /** Scenario name. @default derived from the properties file's folder (see defaultScenarioName) */
  name?: string;
  /** Unknown keys, elements and attributes become warnings instead of errors. @default false */
  lenient?: boolean;
}

export interface ImportResult {
  /** A plain, valid scenario (loads with loadScenario once written as JSON). */
  scenario: ScenarioInput;
  /** EdgeCloudSim's orchestrator_policies, as mecbench policy names, in file order. */
  policies: string[];
  /** Things worth knowing that do not stop the import (and, with `lenient`, what was ignored). */
  warnings: string[];
  /** Hash of the resolved scenario (as `mecbench run` stamps results). */
  hash: string;
}

/** Read the three files from disk; unreadable files are reported together. */
export function readEdgeCloudSimFiles(paths: { properties: string; applications: string; edgeDevices: string }): EdgeCloudSimFiles {
  const problems: Problem[] = [];
  const read = (flag: string, path: string): EdgeCloudSimSource => {
    try {
      return { name: path, text: readTextFile(path, { from: flag, kind: "an EdgeCloudSim configuration file" }) };
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      problems.push(...err.problems.map((p) => ({ ...p, message: `${path} ${p.message}` })));
      return { name: path, text: "" };
    }
  };
  const files = {
    properties: read("--properties", paths.properties),
    applications: read("--applications", paths.applications),
    edgeDevices: read("--edge-devices", paths.edgeDevices),
  };
  if (problems.length > 0) throw new InputError("mecbench import-edgecloudsim", problems);
  return files;
}

/**
 * `edgecloudsim-<folder>` from the properties file's folder; EdgeCloudSim keeps its files in
 * `scripts/<sample_app>/config/`, so a folder named `config` gives way to its parent.
 */
export function defaultScenarioName(propertiesPath: string): string {
  let dir = dirname(resolve(propertiesPath));
  if (basename(dir).toLowerCase() === "config") dir = dirname(dir);
  const folder = basename(dir) || "import";
  return folder.startsWith("edgecloudsim") ? folder : `edgecloudsim-${folder}`;
}

/** Convert the three files; throws InputError listing every problem. */
export function importEdgeCloudSim(files: EdgeCloudSimFiles, options: ImportOptions = {}): ImportResult {
  const d = new Diagnostics(options.lenient ?? false);
  const props = readProperties(d, files.properties.name, files.properties.text);
  const apps = readApplications(d, files.applications.name, files.applications.text);
  const dcs = readEdgeDevices(d, files.edgeDevices.name, files.edgeDevices.text);
  const policies = mapPolicies(d, props);
  checkScenarios(d, props);
  checkWorld(d, props);
  if (apps && dcs) checkCores(d, props, apps, dcs);
  const name = options.name ?? defaultScenarioName(files.properties.name);
  if (name.trim() === "") d.error({ path: "--name", value: name, message: "empty scenario name", fix: "give --name a non-empty name" });
  if (d.problems.length > 0 || !apps || !dcs || !policies) {
    throw new InputError("mecbench import-edgecloudsim", inFileOrder(d.problems, files));
  }
  const scenario = buildScenario(d, name, files, props, apps, dcs, policies);
  const { hash } = resolveScenario(scenario, `scenario imported from ${files.properties.name}`);
  return { scenario, policies: policies.mecbench, warnings: d.warnings, hash };
}

/** Problems by file (properties, applications, edge devices), then by line; stable otherwise. */
function inFileOrder(problems: readonly Problem[], files: EdgeCloudSimFiles): Problem[] {
  const names = [files.properties.name, files.applications.name, files.edgeDevices.name];
  const key = (p: Problem): [number, number] => {
    const file = names.findIndex((n) => p.path === n || p.path.startsWith(`${n}:`) || p.path.startsWith(`${n} `));
    const line = /^[^ ]*:(\d+)/.exec(p.path.slice(names[file]?.length ?? 0));
    return [file < 0 ? names.length : file, line ? Number(line[1]) : Infinity];
  };
  return problems
    .map((p, i) => ({ p, i, k: key(p) }))
    .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || a.i - b.i)
    .map((x) => x.p);
}

interface MappedPolicies {
  edgecloudsim: string[];
  mecbench: string[];
}

function mapPolicies(d: Diagnostics, props: PropertyValues): MappedPolicies | undefined {
  const list = props.lists.get("orchestrator_policies");
  if (!list) return undefined;
  const path = props.path("orchestrator_policies");
  const supported = Object.keys(POLICY_NAMES);
  const out: MappedPolicies = { edgecloudsim: [], mecbench: [] };
  let ok = true;
  for (const policy of list) {
    const mapped = POLICY_NAMES[policy];
    if (mapped === undefined) {
      ok = false;
      const origin = UNSUPPORTED_POLICIES[policy];
      const guess = origin ? undefined : didYouMean(policy, [...supported, ...Object.keys(UNSUPPORTED_POLICIES)]);
      d.error({
        path,
        value: policy,
        message: origin
          ? `orchestrator policy ${policy} (EdgeCloudSim ${origin}) has no mecbench equivalent`
          : `unknown orchestrator policy ${policy}${guess ? ` (did you mean ${guess}?)` : ""}`,
        fix: `use only policies mecbench implements: ${supported.join(", ")}`,
      });
    } else if (out.edgecloudsim.includes(policy)) {
      d.warn(path, `${policy} is listed twice; kept once`);
    } else {
      out.edgecloudsim.push(policy);
      out.mecbench.push(mapped);
    }
  }
  return ok ? out : undefined;
}

function checkScenarios(d: Diagnostics, props: PropertyValues): void {
  const path = props.path("simulation_scenarios");
  for (const s of props.lists.get("simulation_scenarios") ?? []) {
    if (s === SUPPORTED_SCENARIO) continue;
    const why = UNSUPPORTED_SCENARIOS[s];
    const guess = why ? undefined : didYouMean(s, [SUPPORTED_SCENARIO, ...Object.keys(UNSUPPORTED_SCENARIOS)]);
    d.error({
      path,
      value: s,
      message: why ? `simulation scenario ${s} is not supported: ${why}` : `unknown simulation scenario ${s}${guess ? ` (did you mean ${guess}?)` : ""}`,
      fix: `keep only ${SUPPORTED_SCENARIO} (known: ${[SUPPORTED_SCENARIO, ...Object.keys(UNSUPPORTED_SCENARIOS)].join(", ")})`,
    });
  }
}

/** Which EdgeCloudSim world this is, and the settings mecbench cannot model. */
function checkWorld(d: Diagnostics, props: PropertyValues): void {
  for (const key of ["wlan_bandwidth", "wan_bandwidth"]) {
    const value = props.number(key);
    if (value !== undefined && value !== 0) {
      d.error({
        path: props.path(key),
        value,
        message: `${key} > 0 means sample_app1's M/M/1 WLAN/WAN network model, which mecbench does not support yet`,
        fix: "import a sample_app2-4 style configuration (wlan_bandwidth=0 and wan_bandwidth=0: the empirical WLAN/WAN tables)",
      });
    }
  }
  const mobileCores = props.number("core_for_mobile_vm");
  if (mobileCores !== undefined && mobileCores > 0) {
    d.error({
      path: props.path("core_for_mobile_vm"),
      value: mobileCores,
      message: "mobile VMs (processing on the device, sample_app3) are not supported: mecbench has no mobile tier",
      fix: "set core_for_mobile_vm=0",
    });
  }
  const hosts = props.number("number_of_host_on_cloud_datacenter");
  const perHost = props.number("number_of_vm_on_cloud_host");
  if (hosts !== undefined && perHost !== undefined && hosts * perHost === 0) {
    d.error({
      path: props.path(hosts === 0 ? "number_of_host_on_cloud_datacenter" : "number_of_vm_on_cloud_host"),
      value: 0,
      message: "the cloud has no VM, but every EdgeCloudSim orchestrator may send tasks to the cloud",
      fix: "give number_of_host_on_cloud_datacenter and number_of_vm_on_cloud_host values ≥ 1",
    });
  }
  const duration = props.number("simulation_time");
  const warmup = props.number("warm_up_period");
  if (duration !== undefined && warmup !== undefined && warmup >= duration) {
    d.error({ path: props.path("warm_up_period"), value: warmup, message: `the warm-up is not shorter than simulation_time (${duration} min)`, fix: "use a warm_up_period below simulation_time" });
  }
  const min = props.number("min_number_of_mobile_devices");
  const max = props.number("max_number_of_mobile_devices");
  const step = props.number("mobile_device_counter_size");
  if (min !== undefined && max !== undefined && min > max) {
    d.error({ path: props.path("max_number_of_mobile_devices"), value: max, message: `below min_number_of_mobile_devices (${min}): EdgeCloudSim would run nothing`, fix: "make max_number_of_mobile_devices ≥ min_number_of_mobile_devices" });
  } else if (min !== undefined && max !== undefined && step !== undefined && (max - min) % step !== 0) {
    d.warn(props.path("max_number_of_mobile_devices"), `the sweep ${min}, ${min + step}, ... stops at ${max - ((max - min) % step)} and never reaches ${max} (as in EdgeCloudSim)`);
  }
  if (props.number("location_check_interval") === 0) {
    d.warn(props.path("location_check_interval"), "0 switches off EdgeCloudSim's VM-utilization samples (a quirk); mecbench samples every vm_load_check_interval regardless");
  }
  for (const key of ["man_bandwidth", "gsm_bandwidth"]) {
    const value = props.number(key);
    if (value) d.warn(props.path(key), `ignored: the sample_app2-4 network model does not read ${key} (its MAN is fixed at 1300*1024 Kbps, it has no GSM link)`);
  }
}

/** A task needing more cores than any VM has could never run (mecbench refuses such a scenario). */
function checkCores(d: Diagnostics, props: PropertyValues, apps: readonly EdgeCloudSimApp[], dcs: readonly EdgeCloudSimDatacenter[]): void {
  const maxCores = Math.max(props.number("core_for_cloud_vm") ?? 0, ...dcs.flatMap((dc) => dc.vms.map((vm) => vm.cores)));
  for (const app of apps) {
    if (app.requiredCores > maxCores) {
      d.error({ path: app.where.child("<required_core>").at(app.line), value: app.requiredCores, message: `no VM has that many cores (largest: ${maxCores})`, fix: "lower required_core or add a VM with more cores" });
    }
  }
}

/**
 * EdgeCloudSim multiplies minutes by 60 in doubles (0.1 min -> 6.000000000000001 s); 12 significant
 * digits keep the intended value without changing any meaningful one.
 */
export function minutesToSeconds(minutes: number): number {
  return Number((minutes * 60).toPrecision(12));
}

function buildScenario(
  d: Diagnostics,
  name: string,
  files: EdgeCloudSimFiles,
  props: PropertyValues,
  apps: readonly EdgeCloudSimApp[],
  dcs: readonly EdgeCloudSimDatacenter[],
  policies: MappedPolicies,
): ScenarioInput {
  const n = (key: string) => props.number(key)!;
  const min = n("min_number_of_mobile_devices"), max = n("max_number_of_mobile_devices"), step = n("mobile_device_counter_size");
  const deviceCounts: number[] = [];
  for (let count = min; count <= max; count += step) deviceCounts.push(count);
  for (const app of apps) {
    if (app.maxDelayS !== null) {
      d.warn(app.where.child("<max_delay_requirement>").at(app.line), `mecbench fails tasks that finish after ${app.maxDelayS} s (reason deadline); EdgeCloudSim's sample apps only use it for QoE`);
    }
  }
  const cloudVmCount = n("number_of_host_on_cloud_datacenter") * n("number_of_vm_on_cloud_host");
  const cloudVm = { cores: n("core_for_cloud_vm"), mipsPerCore: n("mips_for_cloud_vm"), ramMb: n("ram_for_cloud_vm"), storageMb: n("storage_for_cloud_vm") };
  const fileNames = [files.properties.name, files.applications.name, files.edgeDevices.name].map((f) => basename(f));
  const vmCount = dcs.reduce((s, dc) => s + dc.vms.length, 0);
  const description =
    `Imported from EdgeCloudSim configuration (${fileNames.join(", ")}) by mecbench import-edgecloudsim: ` +
    `${dcs.length} edge hosts with ${vmCount} VMs, cloud ${cloudVmCount} VMs, ${apps.length} apps, ${min}-${max} devices; ` +
    `sample_app2-4 world (empirical WLAN/WAN tables, adaptive M/M/1 MAN, nomadic mobility, processor sharing). ` +
    `EdgeCloudSim orchestrator policies ${policies.edgecloudsim.join(", ")} = mecbench policies ${policies.mecbench.join(",")} ` +
    `(mecbench sweep --policies ${policies.mecbench.join(",")}). Divergences from EdgeCloudSim: docs/edgecloudsim.md.`;
  const code = "not in the configuration files: hard-coded in EdgeCloudSim's Java source";
  return {
    name,
    description,
    assumptions: [
      { path: "workload.startS", value: CLIENT_ACTIVITY_START_S, reason: `${code} (SimSettings.CLIENT_ACTIVITY_START_TIME)` },
      { path: "workload.sizeDistribution", value: "exponential", reason: `${code}: IdleActiveLoadGenerator draws sizes and lengths from exponentials and truncates them to integers` },
      { path: "network.model", value: "edgecloudsim", reason: "wlan_bandwidth = wan_bandwidth = 0 select sample_app2-4's empirical WLAN/WAN tables, whose values are hard-coded in its network model" },
      { path: "network.man", value: { bandwidthKbps: MAN_BANDWIDTH_KBPS, maxDelayS: MAN_MAX_DELAY_S, estimatorIntervalS: MAN_ESTIMATOR_INTERVAL_S }, reason: `${code} (FuzzyExperimentalNetworkModel; propagation = lan_internal_delay)` },
      { path: "compute.model", value: "processor-sharing", reason: "EdgeCloudSim runs each VM with CloudSim's time-shared scheduler and admits tasks by vm_utilization_on_edge/cloud" },
      { path: "mobility.model", value: "nomadic", reason: "sample_app1-4 use NomadicMobility with the attractiveness_L1..L3 mean dwell times" },
    ],
    simulation: {
      durationS: minutesToSeconds(n("simulation_time")),
      warmupS: minutesToSeconds(n("warm_up_period")),
      utilizationSampleIntervalS: minutesToSeconds(n("vm_load_check_interval")),
      // SimLogger.simStopped() averages every VM-load sample, warm-up included.
      utilizationWindow: "whole-run",
      // LogItem.taskStarted() (the warm-up flag) runs only after a VM and an upload delay were found.
      countWarmupRejections: true,
    },
    deviceCounts,
    workload: {
      startS: CLIENT_ACTIVITY_START_S,
      sizeDistribution: "exponential",
      integerSizes: true,
      apps: apps.map((a) => ({
        name: a.name,
        sharePct: a.usagePct,
        delaySensitivity: a.delaySensitivity,
        lengthMi: a.lengthMi,
        uploadKb: a.uploadKb,
        downloadKb: a.downloadKb,
        maxDelayS: a.maxDelayS,
        memoryMb: 0,
        requiredCores: a.requiredCores,
        vmUtilizationPct: { edge: a.utilEdgePct, cloud: a.utilCloudPct },
        arrival: { model: "idle-active-poisson", meanInterarrivalS: a.interarrivalS, activePeriodS: a.activePeriodS, idlePeriodS: a.idlePeriodS },
      })),
    },
    edge: {
      hosts: dcs.map((dc) => ({
        name: `edge-${dc.index}`,
        accessPoint: dc.wlanId,
        attractiveness: dc.attractiveness,
        vms: dc.vms.map((vm) => ({ cores: vm.cores, mipsPerCore: vm.mips, ramMb: vm.ramMb, storageMb: vm.storageMb })),
      })),
    },
    cloud: { vms: Array.from({ length: cloudVmCount }, () => ({ ...cloudVm })) },
    network: {
      model: "edgecloudsim",
      wlanKbpsByActiveClients: [...WLAN_KBPS_BY_ACTIVE_CLIENTS],
      wlanCapacityFactor: WLAN_CAPACITY_FACTOR,
      wanKbpsByActiveClients: [...WAN_KBPS_BY_ACTIVE_CLIENTS],
      man: {
        bandwidthKbps: MAN_BANDWIDTH_KBPS,
        propagationDelayS: props.number("lan_internal_delay") ?? 0,
        maxDelayS: MAN_MAX_DELAY_S,
        estimatorIntervalS: MAN_ESTIMATOR_INTERVAL_S,
        firstEstimatorUpdateS: MAN_FIRST_ESTIMATOR_UPDATE_S,
        // FuzzyEdgeOrchestrator.getDeviceToOffload calls the MAN delay function for every task.
        probesLoadEstimator: true,
      },
      probeSizeKb: WAN_PROBE_SIZE_KB,
    },
    // getVmToOffload admits against getTotalUtilizationOfCpu: tasks still uploading are not counted.
    compute: { model: "processor-sharing", cpuMaxFraction: 0.9, admission: "running-tasks" },
    mobility: {
      model: "nomadic",
      meanDwellByAttractivenessS: [n("attractiveness_L1_mean_waiting_time"), n("attractiveness_L2_mean_waiting_time"), n("attractiveness_L3_mean_waiting_time")],
    },
    orchestration: { batchIntervalS: 0, overflowQueue: false },
    policyOptions: {},
  };
}
