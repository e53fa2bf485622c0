// Tidy rows from staged unit records, in canonical order, as JSON Lines and CSV. The text is a pure
// function of the records, so any worker count, interruption point or shard split gives the same
// bytes.
import type { ResolvedSweep, TidyRow, UnitRecord } from "./types.ts";
import { ROW_COLUMNS } from "./types.ts";

type RowContext = Pick<ResolvedSweep, "hash" | "scenarioName" | "resolved">;

/** Rows of the given records in canonical order: unit index (devices, replica, policy), then metric as produced. */
export function rowsOf(sweep: RowContext, records: readonly UnitRecord[]): TidyRow[] {
  const sorted = [...records].sort((a, b) => a.unit.index - b.unit.index);
  const rows: TidyRow[] = [];
  for (const { unit, metrics } of sorted) {
    for (const m of metrics) {
      rows.push({
        sweep: sweep.hash,
        scenario: sweep.scenarioName,
        scenarioHash: sweep.resolved.hash,
        replica: unit.replica,
        seed: unit.seed,
        devices: unit.devices,
        policy: unit.policy,
        metric: m.metric,
        value: m.value,
        unit: m.unit,
        n: m.n ?? null,
      });
    }
  }
  return rows;
}

/** One JSON object per line, keys in column order, "\n" after every row. */
export function rowsToJsonl(rows: readonly TidyRow[]): string {
  let out = "";
  for (const row of rows) out += `${JSON.stringify(row, ROW_COLUMNS as unknown as string[])}\n`;
  return out;
}

/** CSV with a header; null values are empty fields; numbers as JavaScript prints them (round-trip exact). */
export function rowsToCsv(rows: readonly TidyRow[]): string {
  let out = `${ROW_COLUMNS.join(",")}\n`;
  for (const row of rows) out += `${ROW_COLUMNS.map((c) => csvField(row[c])).join(",")}\n`;
  return out;
}

/** RFC 4180 quoting: only fields with a comma, quote or line break are quoted. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Parse rows.jsonl text back into rows (for merge checks and the report module). */
export function parseRowsJsonl(text: string): TidyRow[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as TidyRow);
}
