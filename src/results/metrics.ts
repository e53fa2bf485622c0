// Streaming statistics: one row of running sums per (app, tier), filled by the engine as tasks end
// (assembly/engine/metrics.ts), so memory does not grow with the number of tasks; summarised here. Metrics follow EdgeCloudSim's definitions (service time
// from submission to result; network delay = all transfer legs; processing = service − network;
// failure % = failed / (completed + failed); warm-up tasks excluded).
import type { Scenario } from "../scenario/schema.ts";
import { METRIC_FIELD, METRIC_FIELDS, METRIC_TIERS, TIER_UNASSIGNED } from "../engine/wasm/boundary.ts";
import { FAILURE_REASONS } from "./failure-reasons.ts";
import { TIER_NAMES } from "../scenario/infrastructure.ts";

/** Field → index in a row (the boundary's declaration, shared with the WASM engine). */
export const F = METRIC_FIELD;
const FIELDS = METRIC_FIELDS.length;
/** Tier rows 0..2 are the tiers; row TIER_UNASSIGNED holds tasks that never got a VM. */
export { TIER_UNASSIGNED };
const TIERS = METRIC_TIERS;

/**
 * A value over no observations is null, never 0 (docs/metrics.md): means need a completed task,
 * percentages an ended one, the std two completed tasks, a link delay one transfer on the link.
 */
export interface Summary {
  completed: number;
  failed: number;
  failedTaskPct: number | null;
  failedPctByReason: Record<string, number | null>;
  serviceTimeS: number | null;
  serviceTimeStdS: number | null;
  processingTimeS: number | null;
  networkDelayS: number | null;
  breakdownS: { wait: number | null; upload: number | null; queue: number | null; exec: number | null; download: number | null };
  linkDelayS: { wlan: number | null; man: number | null; wan: number | null; sharedLink: number | null };
  /** Transfers on each link: the counts linkDelayS rests on. */
  linkTransfers: { wlan: number; man: number; wan: number; sharedLink: number };
}

export class Metrics {
  readonly rows: Float64Array;
  private readonly apps: number;
  utilSamples = 0;
  utilEdgeSum = 0;
  utilCloudSum = 0;
  maxUtilPct = 0;
  minUtilPct = 0;

  constructor(scenario: Readonly<Scenario>) {
    this.apps = scenario.workload.apps.length;
    this.rows = new Float64Array(this.apps * TIERS * FIELDS);
    for (let r = 0; r < this.apps * TIERS; r++) this.rows[r * FIELDS + F.minDuration] = Infinity;
  }

  row(app: number, tier: number): number {
    return (app * TIERS + (tier < 0 ? TIER_UNASSIGNED : tier)) * FIELDS;
  }

  summarize(select: (app: number, tier: number) => boolean): Summary {
    const acc = new Float64Array(FIELDS);
    for (let a = 0; a < this.apps; a++) {
      for (let t = 0; t < TIERS; t++) {
        if (!select(a, t)) continue;
        const o = this.row(a, t);
        for (let f = 0; f < FIELDS; f++) acc[f]! += this.rows[o + f]!;
      }
    }
    const completed = acc[F.completed]!;
    const failedBy = FAILURE_REASONS.map((_, i) => acc[F.failed0 + i]!);
    const failed = failedBy.reduce((s, x) => s + x, 0);
    const ended = completed + failed;
    const mean = (f: number) => (completed > 0 ? acc[f]! / completed : null);
    const perLink = (sum: number, n: number) => (acc[n]! > 0 ? acc[sum]! / acc[n]! : null);
    const meanService = mean(F.service);
    const variance = meanService !== null && completed > 1 ? (acc[F.serviceSq]! - completed * meanService * meanService) / (completed - 1) : null;
    const failedPctByReason: Record<string, number | null> = {};
    FAILURE_REASONS.forEach((reason, i) => (failedPctByReason[reason] = ended > 0 ? (100 * failedBy[i]!) / ended : null));
    return {
      completed,
      failed,
      failedTaskPct: ended > 0 ? (100 * failed) / ended : null,
      failedPctByReason,
      serviceTimeS: meanService,
      serviceTimeStdS: variance === null ? null : Math.sqrt(Math.max(0, variance)),
      processingTimeS: mean(F.processing),
      networkDelayS: mean(F.network),
      breakdownS: {
        wait: mean(F.wait), upload: mean(F.upload), queue: mean(F.queue), exec: mean(F.exec), download: mean(F.download),
      },
      linkDelayS: {
        wlan: perLink(F.wlan, F.wlanN), man: perLink(F.man, F.manN), wan: perLink(F.wan, F.wanN), sharedLink: perLink(F.link, F.linkN),
      },
      linkTransfers: { wlan: acc[F.wlanN]!, man: acc[F.manN]!, wan: acc[F.wanN]!, sharedLink: acc[F.linkN]! },
    };
  }

  /** Counted tasks that got a VM, per tier (whole numbers: any order of summation gives the same). */
  private tierDecisions(): number[] {
    const counts = [0, 0, 0];
    for (let a = 0; a < this.apps; a++) for (let t = 0; t < 3; t++) counts[t]! += this.rows[this.row(a, t) + F.decisions]!;
    return counts;
  }

  /** Counted tasks that got a VM: the count tierSharePct rests on. */
  decisions(): number {
    const counts = this.tierDecisions();
    return counts[0]! + counts[1]! + counts[2]!;
  }

  /** Tier share of decisions (% of counted tasks that got a VM, by tier); null with no decision. */
  tierSharePct(): Record<string, number | null> {
    const counts = this.tierDecisions();
    const total = counts[0]! + counts[1]! + counts[2]!;
    const out: Record<string, number | null> = {};
    TIER_NAMES.forEach((name, t) => (out[name] = total > 0 ? (100 * counts[t]!) / total : null));
    return out;
  }

  minDuration(): number {
    let m = Infinity;
    for (let r = 0; r < this.apps * TIERS; r++) m = Math.min(m, this.rows[r * FIELDS + F.minDuration]!);
    return m;
  }
}
