// results/bench/<stamp>/index.html: the bench's output as one page. It links the sweeps' reports,
// shows the micro and macro tables and the history chart (an <img> of history/history.svg), and
// states the machine and how long each part took. Static HTML, no script: it opens from disk.
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { escapeHtml } from "../src/report/html.ts";
import type { Figure } from "./compare.ts";
import type { EdgeCloudSimSpeedRow, MacroRow } from "./macro.ts";
import type { SweepOutcome } from "./profiles.ts";

export interface BenchPage {
  dir: string;
  stamp: string;
  profile: string;
  environment: { cpu: string; cores: number; memoryGb: number; node: string; platform: string; commit: string };
  /** The machine's 1-minute load average when the bench started and ended (other jobs share the cores). */
  load: { start: number; end: number };
  cpuReference: number;
  micro: Figure[];
  macro: MacroRow[];
  /** The macro stage's comparison with EdgeCloudSim's measured speed (empty when not run). */
  edgecloudsim: EdgeCloudSimSpeedRow[];
  peakRssMb?: number;
  sweeps: SweepOutcome[];
  /** Sweep settings per scenario, for the captions. */
  sweepSettings: { scenario: string; devices: string; replicas: number; durationS: number; warmupS: number }[];
  /** Path of the history chart (history/history.svg), when written. */
  historyChart?: string;
  wallS: number;
}

const esc = escapeHtml;
const num = (x: number, digits = 3) => (Number.isFinite(x) ? Number(x.toPrecision(digits)).toLocaleString("en-US") : "–");

function table(header: string[], rows: string[][]): string {
  const head = header.map((h) => `<th>${esc(h)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function benchPageHtml(p: BenchPage): string {
  const link = (path: string, text: string) => `<a href="${esc(relative(p.dir, path).split("\\").join("/"))}">${esc(text)}</a>`;
  const sweepRows = p.sweeps.map((s) => {
    const set = p.sweepSettings.find((x) => x.scenario === s.scenario);
    return [
      esc(s.scenario),
      set ? esc(`${set.devices} devices, ${set.replicas} replicas, ${set.durationS} s simulated (warm-up ${set.warmupS} s)`) : "",
      `${num(s.wallS, 3)} s`,
      s.exitCode === 0 ? "complete" : `exit ${s.exitCode}`,
      s.report ? link(s.report, "report") : "no report",
    ];
  });
  const microRows = p.micro.map((f) => [esc(f.name), num(f.median), `± ${num(f.iqr / 2, 2)}`, esc(f.unit), f.better === "higher" ? "higher" : "lower"]);
  const macroRows = p.macro.map((r) => [esc(r.scenario), esc(r.policy), String(r.devices), `${r.durationS} s`, r.tasks.toLocaleString("en-US"), num(r.tasksPerS)]);
  const ecsRows = p.edgecloudsim.map((r) => [
    esc(r.policy), num(r.tasksPerS), r.edgeCloudSimTasksPerS === null ? "–" : num(r.edgeCloudSimTasksPerS),
    r.ratio === null ? "–" : `${num(r.ratio, 4)}×`, `≥ ${num(r.target)}×`, r.ratio === null ? "not measured" : r.ratio >= r.target ? "met" : "<b>below</b>",
  ]);
  const e = p.environment;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mecbench bench ${esc(p.stamp)}</title>
<style>
body { font-family: "DejaVu Sans", sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; } th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }
td:nth-child(n+2) { font-variant-numeric: tabular-nums; } caption { text-align: left; }
img.history { max-width: 100%; border: 1px solid #eee; }
</style></head>
<body>
<h1>mecbench bench, ${esc(p.stamp)}</h1>
<p>Profile <b>${esc(p.profile)}</b> on ${esc(e.cpu)} × ${e.cores} cores, ${e.memoryGb} GB, Node ${esc(e.node)} (${esc(e.platform)}), commit <code>${esc(e.commit.slice(0, 12))}</code>.
Load average (1 min) ${num(p.load.start, 2)} at the start and ${num(p.load.end, 2)} at the end: other jobs on the machine slow every figure.
Whole bench: ${num(p.wallS, 3)} s. CPU reference loop: ${num(p.cpuReference)} iterations/s (figures are compared in its units).</p>
<h2 id="reports">Sweep reports</h2>
${p.sweeps.length ? table(["scenario", "sweep", "wall", "status", "report"], sweepRows) : "<p>No sweeps in this run (--only).</p>"}
<h2 id="micro">Micro-benchmarks</h2>
${microRows.length ? table(["benchmark", "median", "± half IQR", "unit", "better"], microRows) : "<p>Not run (--only).</p>"}
<h2 id="macro">Macro: simulated tasks per wall second (one core)</h2>
${macroRows.length ? table(["scenario", "policy", "devices", "simulated", "tasks", "tasks/s"], macroRows) : "<p>Not run (--only).</p>"}
${ecsRows.length ? `<h3 id="edgecloudsim">Against EdgeCloudSim on its own world</h3>
<p>The same rate (in-process: tasks generated per wall second of the event loop) beside EdgeCloudSim's on sample_app4 at the same point: its mean generated tasks over its mean wall time per run, measured on the 2-core reference machine (docs/conformance/edgecloudsim-reference.json). On another machine the ratio is indicative only.</p>
${table(["policy", "mecbench tasks/s", "EdgeCloudSim tasks/s", "ratio", "target", ""], ecsRows)}` : ""}
${p.peakRssMb !== undefined ? `<p>Peak RSS, paper preset, 2000 devices: ${num(p.peakRssMb)} MB.</p>` : ""}
<h2 id="history">History</h2>
${p.historyChart ? `<p>Every tracked figure over the runs in results/bench/history.jsonl, normalised by each run's CPU reference and shown as a speed relative to its first run (above 1: faster).</p>\n<img class="history" src="${esc(relative(p.dir, p.historyChart))}" alt="bench history chart">` : "<p>No history chart.</p>"}
</body></html>
`;
}

export function writeBenchPage(p: BenchPage): string {
  const path = join(p.dir, "index.html");
  writeFileSync(path, benchPageHtml(p));
  return path;
}
