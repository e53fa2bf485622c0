// series.csv: the units' time series (src/results/series.ts) as one tidy table, one row per
// (unit, sample), in the canonical unit order. Like rows.*, a pure function of the staged records,
// so it is byte-identical whatever the worker count, interruption point or shard split.
import { SERIES_FIELDS } from "../engine/wasm/boundary.ts";
import { SERIES_COLUMN, type TimeSeries } from "../results/series.ts";
import type { ResolvedSweep, UnitRecord } from "./types.ts";
import { csvField } from "./rows.ts";

/** The unit's columns, then one per series field (time_s, edge_util_pct, ...). */
export const SERIES_COLUMNS: readonly string[] = [
  "sweep", "scenario", "replica", "seed", "devices", "policy", ...SERIES_FIELDS.map((f) => SERIES_COLUMN[f]),
];

/** The CSV text; units staged by an older version (no series) contribute no rows. */
export function seriesToCsv(sweep: Pick<ResolvedSweep, "hash" | "scenarioName">, records: readonly UnitRecord[]): string {
  let out = `${SERIES_COLUMNS.join(",")}\n`;
  for (const { unit, series } of [...records].sort((a, b) => a.unit.index - b.unit.index)) {
    if (!series) continue;
    const s: TimeSeries = series;
    for (let i = 0; i < s.timeS.length; i++) {
      const cells = [sweep.hash, sweep.scenarioName, unit.replica, unit.seed, unit.devices, unit.policy, ...SERIES_FIELDS.map((f) => s[f][i])];
      out += `${cells.map((c) => csvField(c)).join(",")}\n`;
    }
  }
  return out;
}
