// Parsing rows.jsonl (one JSON object per line) and its rows.csv twin into ResultRows. A bad line
// stops the report with its line number: a silently dropped row would bias a mean.
import { InputError } from "../scenario/errors.ts";
import type { ResultRow } from "./results.ts";

const FIX_CORRUPT = "the sweep was probably interrupted mid-write: delete that line (or re-run `mecbench sweep`) and run the report again";

export function parseRowsJsonl(text: string, source: string): ResultRow[] {
  const rows: ResultRow[] = [];
  const lines = text.split("\n");
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new InputError(source, [{ path: `line ${i + 1}`, value: line.length > 80 ? `${line.slice(0, 77)}...` : line, message: `not valid JSON (${message})`, fix: FIX_CORRUPT }]);
    }
    rows.push(toRow(data, source, i + 1));
  });
  return rows;
}

export function parseRowsCsv(text: string, source: string): ResultRow[] {
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? "");
  const rows: ResultRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    const cells = splitCsvLine(line);
    if (cells.length !== header.length) {
      throw new InputError(source, [{ path: `line ${i + 1}`, value: line, message: `${cells.length} fields, the header has ${header.length}`, fix: FIX_CORRUPT }]);
    }
    const data: Record<string, unknown> = {};
    header.forEach((name, c) => {
      const cell = cells[c]!;
      const numeric = ["replica", "seed", "devices", "value", "n"].includes(name);
      data[name] = numeric ? (cell === "" ? null : Number(cell)) : cell;
    });
    rows.push(toRow(data, source, i + 1));
  }
  return rows;
}

/** Check the fields the report needs; `value: null` (a metric undefined for that run) becomes NaN. */
function toRow(data: unknown, source: string, line: number): ResultRow {
  const bad = (field: string, value: unknown, want: string): never => {
    throw new InputError(source, [{ path: `line ${line}: ${field}`, value, message: `expected ${want}`, fix: FIX_CORRUPT }]);
  };
  if (typeof data !== "object" || data === null || Array.isArray(data)) bad("(row)", data, "a JSON object");
  const o = data as Record<string, unknown>;
  const num = (field: string): number => {
    const v = o[field];
    if (typeof v !== "number" || !Number.isFinite(v)) bad(field, v, "a finite number");
    return v as number;
  };
  const str = (field: string, fallback?: string): string => {
    const v = o[field] ?? fallback;
    if (typeof v !== "string" || v === "") bad(field, v, "a non-empty string");
    return v as string;
  };
  const value = o.value === null ? NaN : num("value");
  return {
    sweep: str("sweep", "unknown"),
    scenario: str("scenario", "unknown"),
    scenarioHash: str("scenarioHash", "unknown"),
    replica: typeof o.replica === "number" ? o.replica : 0,
    seed: typeof o.seed === "number" ? o.seed : 0,
    devices: num("devices"),
    policy: str("policy"),
    metric: str("metric"),
    value,
    unit: typeof o.unit === "string" ? o.unit : "",
    // Rows written before the catalogue carry no count.
    n: typeof o.n === "number" && Number.isFinite(o.n) ? o.n : null,
  };
}

/** RFC 4180 fields: commas separate, double quotes quote, "" is a literal quote. */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      out.push(cell);
      cell = "";
    } else cell += c;
  }
  out.push(cell);
  return out;
}
