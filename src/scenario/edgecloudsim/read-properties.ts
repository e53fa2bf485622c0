// default_config.properties: every key EdgeCloudSim's SimSettings reads, with its type and
// whether EdgeCloudSim stops without it. EdgeCloudSim reads keys with silent defaults, so a typo
// (sample_app5's `wan_propogation_delay`) silently becomes 0; here an unknown key is an error
// with a "did you mean", unless --lenient.
import { didYouMean } from "../errors.ts";
import { Diagnostics, parseNumber, type NumberRule } from "./diagnostics.ts";
import { parseProperties } from "./properties.ts";

type KeySpec =
  | { kind: "number"; required: boolean; rule: NumberRule }
  | { kind: "bool"; required: boolean }
  | { kind: "list"; required: boolean };

const minutes = (min: number, exclusiveMin: boolean): KeySpec => ({ kind: "number", required: true, rule: { min, exclusiveMin, unit: "minutes" } });
/** Read with Integer.parseInt in EdgeCloudSim. */
const int = (required: boolean, min: number, exclusiveMin: boolean, unit?: string): KeySpec => ({
  kind: "number", required, rule: { integer: true, javaInt: true, min, exclusiveMin, ...(unit ? { unit } : {}) },
});
const seconds = (): KeySpec => ({ kind: "number", required: false, rule: { min: 0, unit: "s" } });

/** Keys SimSettings.initialize reads; `required` = EdgeCloudSim fails without it (no default). */
export const PROPERTY_KEYS: Readonly<Record<string, KeySpec>> = {
  simulation_time: minutes(0, true),
  warm_up_period: minutes(0, false),
  vm_load_check_interval: minutes(0, true),
  location_check_interval: minutes(0, false),
  ap_delay_check_interval: { kind: "number", required: false, rule: { min: 0, unit: "minutes" } },
  file_log_enabled: { kind: "bool", required: false },
  deep_file_log_enabled: { kind: "bool", required: false },
  min_number_of_mobile_devices: int(true, 0, true, "devices"),
  max_number_of_mobile_devices: int(true, 0, true, "devices"),
  mobile_device_counter_size: int(true, 0, true, "devices"),
  wlan_range: int(false, 0, false, "m"),
  wan_propagation_delay: seconds(),
  gsm_propagation_delay: seconds(),
  lan_internal_delay: seconds(),
  wlan_bandwidth: int(true, 0, false, "Mbps"),
  man_bandwidth: int(false, 0, false, "Mbps"),
  wan_bandwidth: int(false, 0, false, "Mbps"),
  gsm_bandwidth: int(false, 0, false, "Mbps"),
  number_of_host_on_cloud_datacenter: int(true, 0, false),
  number_of_vm_on_cloud_host: int(true, 0, false),
  core_for_cloud_vm: int(true, 0, true, "cores"),
  mips_for_cloud_vm: int(true, 0, true, "MIPS"),
  ram_for_cloud_vm: int(true, 0, false, "MB"),
  storage_for_cloud_vm: int(true, 0, false, "MB"),
  core_for_mobile_vm: int(true, 0, false, "cores"),
  mips_for_mobile_vm: int(true, 0, false, "MIPS"),
  ram_for_mobile_vm: int(true, 0, false, "MB"),
  storage_for_mobile_vm: int(true, 0, false, "MB"),
  orchestrator_policies: { kind: "list", required: true },
  simulation_scenarios: { kind: "list", required: true },
  northern_bound: { kind: "number", required: false, rule: {} },
  southern_bound: { kind: "number", required: false, rule: {} },
  eastern_bound: { kind: "number", required: false, rule: {} },
  western_bound: { kind: "number", required: false, rule: {} },
  attractiveness_L1_mean_waiting_time: { kind: "number", required: true, rule: { min: 0, exclusiveMin: true, unit: "s" } },
  attractiveness_L2_mean_waiting_time: { kind: "number", required: true, rule: { min: 0, exclusiveMin: true, unit: "s" } },
  attractiveness_L3_mean_waiting_time: { kind: "number", required: true, rule: { min: 0, exclusiveMin: true, unit: "s" } },
};

/** The parsed properties: typed values by key, and where each key was found. */
export class PropertyValues {
  readonly numbers = new Map<string, number>();
  readonly lists = new Map<string, string[]>();
  readonly lines = new Map<string, number>();
  constructor(readonly file: string) {}

  number(key: string): number | undefined {
    return this.numbers.get(key);
  }

  /** Problem path for a key: `file:line key` (just `file key` when the key is absent). */
  path(key: string): string {
    const line = this.lines.get(key);
    return line === undefined ? `${this.file} ${key}` : `${this.file}:${line} ${key}`;
  }
}

export function readProperties(d: Diagnostics, file: string, text: string): PropertyValues {
  const out = new PropertyValues(file);
  const known = Object.keys(PROPERTY_KEYS);
  const seen = new Map<string, number>();
  for (const entry of parseProperties(text)) {
    const path = `${file}:${entry.line} ${entry.key}`;
    const spec = PROPERTY_KEYS[entry.key];
    if (!spec) {
      const guess = didYouMean(entry.key, known);
      d.unknown({
        path,
        value: entry.value,
        message: `unknown key "${entry.key}"${guess ? ` (did you mean "${guess}"?)` : ""}; EdgeCloudSim would silently ignore it${guess ? ` and use its default for ${guess}` : ""}`,
        fix: guess ? `rename it to "${guess}"` : "remove it (see docs/edgecloudsim.md for the keys EdgeCloudSim reads)",
      });
      continue;
    }
    const first = seen.get(entry.key);
    if (first !== undefined) {
      // java.util.Properties keeps the last value; a repeated key is almost always an edit mistake.
      d.unknown({ path, value: entry.value, message: `"${entry.key}" is set again (first at line ${first}); EdgeCloudSim uses the last value`, fix: "keep one of the two lines" });
      if (d.lenient) out.lines.set(entry.key, entry.line);
      else continue;
    } else {
      seen.set(entry.key, entry.line);
      out.lines.set(entry.key, entry.line);
    }
    if (spec.kind === "number") {
      const value = parseNumber(d, path, entry.value, spec.rule);
      if (value !== undefined) out.numbers.set(entry.key, value);
    } else if (spec.kind === "bool") {
      // Java's Boolean.parseBoolean reads anything but "true" as false: catch "yes", "1", typos.
      if (!/^(true|false)$/i.test(entry.value)) {
        d.error({ path, value: entry.value, message: "not true or false (EdgeCloudSim would read it as false)", fix: "write true or false" });
      }
    } else {
      const items = readList(d, path, entry.value);
      if (items) out.lists.set(entry.key, items);
    }
  }
  for (const [key, spec] of Object.entries(PROPERTY_KEYS)) {
    if (spec.required && !seen.has(key)) {
      d.error({ path: `${file} ${key}`, message: `missing required key "${key}" (EdgeCloudSim stops without it)`, fix: `add a line ${key}=...` });
    }
  }
  return out;
}

/** A comma-separated list as EdgeCloudSim splits it (String.split drops trailing empty items). */
function readList(d: Diagnostics, path: string, raw: string): string[] | undefined {
  const items = raw.split(",");
  while (items.length > 0 && items[items.length - 1] === "") items.pop();
  if (items.length === 0) {
    d.error({ path, value: raw, message: "empty list", fix: "give at least one name, separated by commas" });
    return undefined;
  }
  let ok = true;
  for (const item of items) {
    if (item === "") {
      d.error({ path, value: raw, message: "empty item between commas", fix: "remove the extra comma" });
      ok = false;
    } else if (item.trim() !== item) {
      // EdgeCloudSim compares names with equals(): " HYBRID" is not HYBRID and would silently misbehave.
      d.error({ path, value: item, message: `"${item}" has spaces around it; EdgeCloudSim compares names exactly and would not recognise it`, fix: "remove the spaces around the commas" });
      ok = false;
    }
  }
  return ok ? items : undefined;
}
