// The values the paper quotes in section V for Figures 4-8 (the same file as docs/paper-reported.json,
// shipped with the report so it works outside this repository), converted to our metric names and
// units: the paper gives network delay in ms, our rows are in seconds.
import { readFileSync } from "node:fs";
import { policyFromPaper } from "./policies.ts";

export interface PaperPoint {
  figure: number;
  /** Our metric name (network_delay_ms becomes network_delay_s). */
  metric: string;
  devices: number;
  /** The paper's policy name (fuzzy-logic, ...), or "all" for a bound on every method. */
  paperPolicy: string;
  /** Our policy name (fuzzy-logic → almutairi), or "all". */
  policy: string;
  /** In our unit. */
  value: number;
  /** As the paper printed it, with its unit, for the reproduction notes. */
  reported: string;
  /** "all methods below this value" and similar: the point is an upper bound, not a value. */
  note?: string;
}

interface RawPoint {
  figure: number;
  metric: string;
  devices: number;
  policy: string;
  value: number;
  note?: string;
}

/** Unit conversions from the paper's metric names to ours. */
const CONVERT: Record<string, { metric: string; factor: number; unit: string }> = {
  network_delay_ms: { metric: "network_delay_s", factor: 1e-3, unit: "ms" },
  service_time_s: { metric: "service_time_s", factor: 1, unit: "s" },
  processing_time_s: { metric: "processing_time_s", factor: 1, unit: "s" },
  failed_task_pct: { metric: "failed_task_pct", factor: 1, unit: "%" },
  vm_utilization_pct: { metric: "vm_utilization_pct", factor: 1, unit: "%" },
};

export function paperPoints(): PaperPoint[] {
  const raw = JSON.parse(readFileSync(new URL("./paper-reported.json", import.meta.url), "utf8")) as { points: RawPoint[] };
  return raw.points.map((p) => {
    const c = CONVERT[p.metric];
    if (!c) throw new Error(`paper-reported.json: unknown metric ${p.metric}; add its conversion to CONVERT in src/report/paper.ts`);
    const point: PaperPoint = {
      figure: p.figure,
      metric: c.metric,
      devices: p.devices,
      paperPolicy: p.policy,
      policy: p.policy === "all" ? "all" : policyFromPaper(p.policy),
      value: p.value * c.factor,
      reported: `${p.value} ${c.unit}`,
    };
    if (p.note) point.note = p.note;
    return point;
  });
}

/** Scenarios whose charts carry the paper's markers: the paper's world, and EdgeCloudSim's sample_app4
 * world, where the paper's baseline numbers were most likely produced (docs/paper-model.md §3b). */
export function overlaysPaper(scenarioName: string): boolean {
  return scenarioName === "paper" || scenarioName === "edgecloudsim-app4";
}
