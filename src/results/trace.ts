// The per-task trace (`mecbench run --trace tasks.csv`): one CSV row per ended task, warm-up
// included (column `counted` says which tasks the metrics use). The engine hands each record to the
// host as the task ends (assembly/model/lifecycle.ts trace); rows are formatted at once and written
// in chunks, so memory stays bounded whatever the number of tasks.
import { closeSync, openSync, writeSync } from "node:fs";
import type { Scenario } from "../scenario/schema.ts";
import { TIER_NAMES } from "../scenario/infrastructure.ts";
import { FAILURE_REASONS } from "./failure-reasons.ts";
import { TRACE_FIELD as F } from "../engine/wasm/boundary.ts";

export const TRACE_COLUMNS = [
  "arrival_s", "end_s", "app", "device", "tier", "host", "vm", "upload_s", "queue_s", "exec_s", "download_s", "service_s", "outcome", "reason", "counted",
] as const;

/** Bytes buffered before a write: large enough to make writes cheap, small enough to bound memory. */
const CHUNK_BYTES = 1 << 16;

export interface TraceWriter {
  /** The engine's hook: one ended task's record. */
  record(r: Float64Array): void;
  /** Flush and close; the number of rows written. */
  close(): number;
}

/** One CSV row of a record; "" for what the task never had (no VM: tier, host, vm; completed: reason). */
export function traceRow(r: Float64Array, apps: readonly string[]): string {
  const tier = r[F.tier]!, vm = r[F.vm]!, host = r[F.host]!, reason = r[F.reason]!;
  const failed = r[F.outcome]! !== 0;
  // One template, no intermediate array: a trace formats millions of rows.
  return `${r[F.arrivalS]},${r[F.endS]},${apps[r[F.app]!]},${r[F.device]},${tier >= 0 ? TIER_NAMES[tier] : ""},${vm >= 0 && host >= 0 ? host : ""},${vm >= 0 ? vm : ""},${
    r[F.uploadS]},${r[F.queueS]},${r[F.execS]},${r[F.downloadS]},${r[F.endS]! - r[F.arrivalS]!},${failed ? "failed" : "completed"},${failed ? FAILURE_REASONS[reason] : ""},${r[F.counted]}`;
}

/** A writer that streams rows to `path` (created or truncated). */
export function openTraceWriter(path: string, scenario: Readonly<Scenario>): TraceWriter {
  const apps = scenario.workload.apps.map((a) => a.name);
  const fd = openSync(path, "w");
  // Rows are copied into a fixed off-heap buffer at once, so each row's string dies young: a string
  // buffer would keep thousands of them alive across garbage collections and grow the heap.
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  let rows = 0;
  const flush = () => {
    if (used > 0) writeSync(fd, buffer, 0, used);
    used = 0;
  };
  const put = (line: string) => {
    if (used + 3 * line.length > CHUNK_BYTES) flush();
    used += buffer.write(line, used, "utf8");
  };
  put(`${TRACE_COLUMNS.join(",")}\n`);
  return {
    record(r) {
      put(`${traceRow(r, apps)}\n`);
      rows++;
    },
    close() {
      flush();
      closeSync(fd);
      return rows;
    },
  };
}
