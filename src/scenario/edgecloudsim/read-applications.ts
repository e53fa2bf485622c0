// applications.xml: one <application name="..."> per app type with the 13 values EdgeCloudSim
// requires (SimSettings.parseApplicationsXML) and the optional max_delay_requirement.
import { Diagnostics, readAttributes, readChildren, readLeafNumber, Where, type NumberRule } from "./diagnostics.ts";
import { parseXmlFile } from "./read-xml.ts";

export interface EdgeCloudSimApp {
  readonly name: string;
  readonly line: number;
  readonly where: Where;
  readonly usagePct: number;
  readonly probCloudPct: number;
  readonly interarrivalS: number;
  readonly delaySensitivity: number;
  readonly activePeriodS: number;
  readonly idlePeriodS: number;
  readonly uploadKb: number;
  readonly downloadKb: number;
  readonly lengthMi: number;
  readonly requiredCores: number;
  readonly utilEdgePct: number;
  readonly utilCloudPct: number;
  readonly utilMobilePct: number;
  /** null when absent or 0 (EdgeCloudSim stores 0 for "none"). */
  readonly maxDelayS: number | null;
}

const pct: NumberRule = { min: 0, max: 100, unit: "%" };
/** Sizes must be > 0: EdgeCloudSim draws Exp(mean) around them, and a mean of 0 makes every transfer fail. */
const FIELDS = {
  usage_percentage: pct,
  prob_cloud_selection: pct,
  poisson_interarrival: { min: 0, exclusiveMin: true, unit: "s" },
  delay_sensitivity: { min: 0, max: 1 },
  active_period: { min: 0, exclusiveMin: true, unit: "s" },
  idle_period: { min: 0, unit: "s" },
  data_upload: { min: 0, exclusiveMin: true, unit: "KB" },
  data_download: { min: 0, exclusiveMin: true, unit: "KB" },
  task_length: { min: 0, exclusiveMin: true, unit: "MI" },
  required_core: { integer: true, min: 0, exclusiveMin: true, unit: "cores" },
  vm_utilization_on_edge: pct,
  vm_utilization_on_cloud: pct,
  vm_utilization_on_mobile: pct,
  max_delay_requirement: { min: 0, unit: "s" },
} as const satisfies Record<string, NumberRule>;
type Field = keyof typeof FIELDS;

/** The apps in file order, or undefined when the file cannot be read at all. */
export function readApplications(d: Diagnostics, file: string, text: string): EdgeCloudSimApp[] | undefined {
  const root = parseXmlFile(d, file, text, "applications", "--applications");
  if (!root) return undefined;
  const top = new Where(file);
  readAttributes(d, root, top, []);
  const children = readChildren(d, root, top, [{ name: "application", required: true, multiple: true }]);
  const apps: EdgeCloudSimApp[] = [];
  const names = new Map<string, number>();
  const elements = children.get("application") ?? [];
  // The share check needs every share, not every app complete: it is reported alongside other problems.
  const usages: string[] = [];
  let usageSum = 0;
  let usagesComplete = true;
  elements.forEach((el, i) => {
    const attrs = readAttributes(d, el, top.child(`<application #${i}>`), [{ name: "name", required: true }]);
    const name = attrs.get("name")?.trim() ?? "";
    const where = top.child(name ? `<application name="${name}">` : `<application #${i}>`);
    if (name) {
      const first = names.get(name);
      if (first !== undefined) {
        d.error({ path: where.at(el.line), value: name, message: `duplicate application name (first at line ${first})`, fix: "give every application a unique name" });
      }
      names.set(name, el.line);
    }
    const spec = Object.keys(FIELDS).map((f) => ({ name: f, required: f !== "max_delay_requirement" }));
    const fields = readChildren(d, el, where, spec);
    const values = new Map<Field, number>();
    let complete = name !== "";
    for (const field of Object.keys(FIELDS) as Field[]) {
      const child = fields.get(field)?.[0];
      if (!child) {
        if (field !== "max_delay_requirement") complete = false;
        continue;
      }
      const value = readLeafNumber(d, child, where.child(`<${field}>`), FIELDS[field]);
      if (value === undefined) complete = false;
      else values.set(field, value);
    }
    const usage = values.get("usage_percentage");
    if (usage !== undefined && name) usages.push(`${name}=${usage}`);
    if (usage !== undefined) usageSum += usage;
    else usagesComplete = false;
    if (!complete || usage === undefined) return;
    const v = (f: Field) => values.get(f)!;
    if (usage === 0) {
      // FuzzyExperimentalNetworkModel.initialize (and sample_app2's model) exits on such an app.
      d.error({
        path: where.child("<usage_percentage>").at(fields.get("usage_percentage")![0]!.line),
        value: "0",
        message: "an application with usage 0 stops EdgeCloudSim's sample_app2-4 network model",
        fix: "delete the application, or give it a share > 0",
      });
    }
    const maxDelay = values.get("max_delay_requirement");
    apps.push({
      name, line: el.line, where,
      usagePct: usage,
      probCloudPct: v("prob_cloud_selection"),
      interarrivalS: v("poisson_interarrival"),
      delaySensitivity: v("delay_sensitivity"),
      activePeriodS: v("active_period"),
      idlePeriodS: v("idle_period"),
      uploadKb: v("data_upload"),
      downloadKb: v("data_download"),
      lengthMi: v("task_length"),
      requiredCores: v("required_core"),
      utilEdgePct: v("vm_utilization_on_edge"),
      utilCloudPct: v("vm_utilization_on_cloud"),
      utilMobilePct: v("vm_utilization_on_mobile"),
      maxDelayS: maxDelay === undefined || maxDelay === 0 ? null : maxDelay,
    });
  });
  if (elements.length > 0 && usagesComplete) {
    // EdgeCloudSim picks a device's app by walking the running sum of shares against U[0, 100):
    // with a sum below 100 some devices get no app, above 100 the last apps are starved.
    if (Math.abs(usageSum - 100) > 1e-9) {
      d.error({
        path: top.child("<application>/<usage_percentage>").at(root.line),
        value: usages.join(", "),
        message: `usage percentages sum to ${usageSum}, not 100`,
        fix: "make the <usage_percentage> values of all applications add up to 100",
      });
    }
  }
  return apps;
}
