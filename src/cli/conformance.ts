// mecbench conformance: the edgecloudsim-app4 world against EdgeCloudSim's own numbers, cell by cell.
import { writeFileSync } from "node:fs";
import { CONFORMANCE_METRICS, loadReference, runConformance, type Cell, type ConformanceResult } from "../experiment/conformance.ts";
import { InputError } from "../scenario/errors.ts";
import { loadScenario } from "../scenario/load.ts";
import { numberFlag, parseCommandArgs } from "./args.ts";

const HELP = `mecbench conformance: the edgecloudsim-app4 preset against EdgeCloudSim's measured numbers

Usage: mecbench conformance [--seeds <n>] [--devices <n,...>] [--policies <a,b>] [--json <file>]

Runs every point of docs/conformance/edgecloudsim-reference.json (EdgeCloudSim sample_app4: 5
policies at 200 and 2000 devices, 5 simulated minutes, 3-minute warm-up) with seeds 1..n, and
compares mecbench's mean with EdgeCloudSim's per cell: service, processing and network time,
failed %, edge VM utilization. A cell agrees within max(10 % of EdgeCloudSim's mean, half its
replica range, 0.02 s / 0.5 percentage points). Exit 0 when every cell agrees, 1 otherwise.
Beside each verdict: the band chance allows for the difference (95 %, Welch: the seeds' spread
and EdgeCloudSim's read off its replica range) and whether the difference is inside it; it
informs, the verdict and the exit status stay the tolerance's.

  --seeds <n>          seeds per point (default 5)
  --devices <list>     only these device counts (e.g. 200)
  --policies <list>    only these policies (e.g. utilization-based,sonmez)
  --json <file>        also write every cell and the failure counts as JSON
`;

function listFlag(flag: string, raw: string | undefined, allowed: readonly string[]): string[] | undefined {
  if (raw === undefined) return undefined;
  const items = raw.split(",").map((s) => s.trim()).filter((s) => s !== "");
  const bad = items.filter((s) => !allowed.includes(s));
  if (items.length === 0 || bad.length > 0) {
    throw new InputError("mecbench conformance", [{ path: `--${flag}`, value: raw, message: bad.length ? `not in the reference: ${bad.join(", ")}` : "empty", fix: `use some of: ${allowed.join(", ")}` }]);
  }
  return items;
}

export async function conformanceCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs("conformance", argv, {
    seeds: { type: "string" },
    devices: { type: "string" },
    policies: { type: "string" },
    json: { type: "string" },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const reference = loadReference();
  const seedCount = numberFlag("conformance", "seeds", values.seeds, { integer: true, min: 1 }) ?? 5;
  const devices = listFlag("devices", values.devices, [...new Set(reference.points.map((p) => String(p.devices)))])?.map(Number);
  const policies = listFlag("policies", values.policies, [...new Set(reference.points.map((p) => p.policy))]);
  const resolved = loadScenario("edgecloudsim-app4");
  const seeds = Array.from({ length: seedCount }, (_, i) => i + 1);
  const started = performance.now();
  const result = runConformance(resolved, reference, {
    seeds, devices, policies,
    onPoint: (done, total, p) => process.stderr.write(`  ${done}/${total} ${p.policy} at ${p.devices} devices (${((performance.now() - started) / 1000).toFixed(0)} s)\n`),
  });
  process.stdout.write(formatConformance(result, reference.source));
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ source: reference.source, ...result }, null, 2)}\n`);
  return result.agreeing === result.cells.length ? 0 : 1;
}

const fmt = (c: Cell, x: number) => (c.unit === "s" ? x.toFixed(3) : x.toFixed(2));

/** The table: one row per cell, then the failure counts by reason. */
export function formatConformance(r: ConformanceResult, source: string): string {
  const lines = [
    `EdgeCloudSim conformance: mecbench edgecloudsim-app4 (mean of seeds ${r.seeds.join(", ")}) vs EdgeCloudSim`,
    `reference: ${source}`,
    "",
    "| policy | devices | metric | mecbench | EdgeCloudSim mean [min, max] | diff | tolerance | verdict | chance (95 %) | within chance |",
    "|---|--:|---|--:|---|--:|--:|---|--:|---|",
  ];
  const label = Object.fromEntries(CONFORMANCE_METRICS.map((m) => [m.key, `${m.label} (${m.unit})`]));
  for (const c of r.cells) {
    const sign = c.diff >= 0 ? "+" : "";
    lines.push(
      `| ${c.policy} | ${c.devices} | ${label[c.metric]} | ${fmt(c, c.ours)} | ${fmt(c, c.ref.mean)} [${fmt(c, c.ref.min)}, ${fmt(c, c.ref.max)}] | ${sign}${fmt(c, c.diff)} | ±${fmt(c, c.tolerance)} | ${c.agrees ? "agrees" : "OUT"} | ${c.noise === null ? "–" : `±${fmt(c, c.noise)}`} | ${c.withinNoise === null ? "–" : c.withinNoise ? "yes" : "no"} |`,
    );
  }
  const chance = r.withinNoise === null ? "" : `; ${r.withinNoise}/${r.cells.length} differences within chance (${r.seeds.length} seeds against EdgeCloudSim's replicas)`;
  lines.push("", `${r.agreeing}/${r.cells.length} cells agree${chance}`, "", "Failed tasks by reason (counted tasks, mean per run; generated: every task of the run, warm-up included): mecbench | EdgeCloudSim", "");
  lines.push("| policy | devices | generated | counted | capacity | network | mobility | deadline | EdgeCloudSim generated | counted | VM | mobility | WLAN | MAN | WAN |");
  lines.push("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
  const n = (x: number | undefined) => (x === undefined ? "–" : x.toFixed(0));
  for (const f of r.failures) {
    const o = f.ours, e = f.ecs;
    lines.push(`| ${f.policy} | ${f.devices} | ${n(o.generated)} | ${n(o.counted)} | ${n(o.capacity)} | ${n(o.network)} | ${n(o.mobility)} | ${n(o.deadline)} | ${n(e.generated)} | ${n(e.counted)} | ${n(e.f_vm)} | ${n(e.f_mob)} | ${n(e.f_wlan)} | ${n(e.f_man)} | ${n(e.f_wan)} |`);
  }
  return `${lines.join("\n")}\n`;
}
