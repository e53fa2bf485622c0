// Engine benchmark: simulated tasks per wall second (and per CPU second) of whole runReplica calls
// (setup and result included; `npm run bench` times the event loop alone), peak RSS of a long run in
// a child process, and the cost of crossing the JS/WASM boundary. Direct use: npx tsx
// bench/engine.bench.ts [--quick] [--repeats n] (after npm run build:wasm). Every figure is the
// median of `repeats` runs.
// The machine's load average is reported with the results: on a shared machine it moves the wall
// figures a lot, so the CPU-time rate (tasks per CPU second of this process) is reported too.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { runReplica } from "../src/engine/run.ts";
import type { RunResult } from "../src/results/run-result.ts";
import type { PolicyFactory } from "../src/policies/types.ts";
import { WasmEngine } from "../src/engine/wasm/engine.ts";
import { loadScenario } from "../src/scenario/load.ts";

export interface EngineBenchCase {
  scenario: string;
  policy: string;
  devices: number;
  /** Simulated seconds (warm-up: a quarter of it, at most 30 s). */
  durationS: number;
}

export interface EngineBenchOptions {
  /** Runs per case; the median is reported. @default 3 */
  repeats?: number;
  /** @default the cases: paper 200/1000/2000 with every ported policy, edgecloudsim-app4 at 2000. */
  cases?: EngineBenchCase[];
  /** Simulated seconds of the peak-RSS run (paper, 2000 devices, utilization-based); 0 skips it. @default 1800 */
  rssDurationS?: number;
  /** Calls per sample of the boundary case. @default 2_000_000 */
  boundaryCalls?: number;
  log?: (line: string) => void;
}

export interface EngineBenchRow extends EngineBenchCase {
  tasks: number;
  /** Median tasks per wall second, WASM engine. */
  wasmTasksPerS: number;
  /** Median tasks per CPU second of this process, WASM engine. */
  wasmCpuTasksPerS: number;
  wasmSamples: number[];
}

export interface EngineBenchResult {
  rows: EngineBenchRow[];
  rss?: {
    durationS: number;
    tasks: number;
    /** Peak RSS (MB) of `node --import tsx` running the replica (tsx's own share included). */
    tsxMb: number;
    /** The same child before running anything: tsx + module loading alone. */
    tsxBaselineMb: number;
    /** Peak RSS (MB) of plain `node` running the same code bundled (esbuild), if esbuild is available. */
    nodeMb?: number;
    /** WASM linear memory at the end of the run (MB). */
    wasmMemoryMb: number;
  };
  boundary: {
    /** Median ns per call of a trivial export (viewNow: returns a global). */
    trivialCallNs: number;
    /** Median ns per call of a view export doing real work (viewFits). */
    viewCallNs: number;
    /** Median ns per host turn: the engine hands a batch to a TypeScript policy and resumes (policy work excluded). */
    hostTurnNs: number;
  };
  environment: { node: string; cpu: string; cores: number; loadAverage: number[] };
}

const PORTED = ["utilization-based", "random", "greedy-min-service", "expert-rules"] as const;

export function defaultCases(quick = false): EngineBenchCase[] {
  const paper = (policy: string, devices: number): EngineBenchCase => ({
    scenario: "paper", policy, devices, durationS: quick ? 20 : policy === "utilization-based" ? 60 : 20,
  });
  const cases: EngineBenchCase[] = [];
  for (const policy of PORTED) for (const devices of [200, 1000, 2000]) cases.push(paper(policy, devices));
  cases.push({ scenario: "edgecloudsim-app4", policy: "utilization-based", devices: 2000, durationS: quick ? 120 : 300 });
  return cases;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function timeRun(c: EngineBenchCase, wasm: WasmEngine): { wall: number; cpu: number; result: RunResult } {
  const resolved = loadScenario(c.scenario);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = runReplica(resolved, c.policy, {
    devices: c.devices, seed: 1, durationS: c.durationS, warmupS: Math.min(30, c.durationS / 4), wasm,
  });
  const wall = (performance.now() - t0) / 1000;
  const cu = process.cpuUsage(c0);
  return { wall, cpu: (cu.user + cu.system) / 1e6, result };
}

export async function runEngineBench(opts: EngineBenchOptions = {}): Promise<EngineBenchResult> {
  const repeats = opts.repeats ?? 3;
  const log = opts.log ?? (() => {});
  const wasm = new WasmEngine();
  const rows: EngineBenchRow[] = [];
  log(`engine bench: ${repeats} runs per case, load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  for (const c of opts.cases ?? defaultCases()) {
    timeRun({ ...c, durationS: Math.min(c.durationS, 15) }, wasm); // warm the JIT and the instance (15 s: edgecloudsim-app4 starts its workload at 10 s)
    const w = Array.from({ length: repeats }, () => timeRun(c, wasm));
    const tasks = w[0]!.result.tasksSimulated;
    const row: EngineBenchRow = {
      ...c, tasks,
      wasmTasksPerS: median(w.map((x) => tasks / x.wall)),
      wasmCpuTasksPerS: median(w.map((x) => tasks / x.cpu)),
      wasmSamples: w.map((x) => tasks / x.wall),
    };
    rows.push(row);
    const f = (x: number | undefined) => (x === undefined ? "-" : Math.round(x).toLocaleString("en-US"));
    log(
      `  ${c.scenario.padEnd(18)} ${c.policy.padEnd(19)} ${String(c.devices).padStart(5)} dev ${String(c.durationS).padStart(4)} s ` +
        `${String(tasks).padStart(8)} tasks  wasm ${f(row.wasmTasksPerS).padStart(10)}/s (cpu ${f(row.wasmCpuTasksPerS)}/s)`,
    );
  }

  const boundary = measureBoundary(wasm, opts.boundaryCalls ?? 2_000_000);
  log(`  boundary: trivial export ${boundary.trivialCallNs.toFixed(1)} ns/call, view export ${boundary.viewCallNs.toFixed(1)} ns/call, host turn ${Math.round(boundary.hostTurnNs)} ns`);

  const rssDurationS = opts.rssDurationS ?? 1800;
  let rss: EngineBenchResult["rss"];
  if (rssDurationS > 0) {
    rss = await measureRss(rssDurationS);
    log(`  peak RSS, paper, 2000 devices, ${rssDurationS} simulated s (${rss.tasks} tasks): ${rss.tsxMb.toFixed(1)} MB under tsx ` +
      `(tsx alone ${rss.tsxBaselineMb.toFixed(1)} MB)` + (rss.nodeMb !== undefined ? `, ${rss.nodeMb.toFixed(1)} MB under plain node (bundled)` : "") +
      `; WASM memory ${rss.wasmMemoryMb} MB`);
  }
  return {
    rows, rss, boundary,
    environment: { node: process.version, cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, loadAverage: loadavg() },
  };
}

/** The cost of crossing into WASM: a trivial export, a view export, and a whole host turn. */
function measureBoundary(wasm: WasmEngine, calls: number): EngineBenchResult["boundary"] {
  const ex = wasm.exports;
  wasm.create(loadScenario("paper").scenario, { devices: 10, seed: 1, durationS: 1, warmupS: 0 }, { id: 2, params: [80], statNames: [] });
  const task = ex.testTaskCreate(0, 0, 1000, 10, 10, 0, 2, 0);
  const sample = (fn: () => void) => {
    const ns: number[] = [];
    for (let k = 0; k < 7; k++) {
      const t0 = process.hrtime.bigint();
      fn();
      ns.push(Number(process.hrtime.bigint() - t0) / calls);
    }
    return median(ns);
  };
  let sink = 0;
  const trivialCallNs = sample(() => {
    for (let i = 0; i < calls; i++) sink += ex.viewNow();
  });
  const viewCallNs = sample(() => {
    for (let i = 0; i < calls; i++) sink += ex.viewFits(task, i & 15);
  });
  if (sink === -1) console.log(sink);
  // A host turn (the engine stops, the host decides a batch, the engine resumes): one device, so the
  // batches are nearly empty, with a TypeScript policy that decides nothing, against the same replica
  // decided inside WASM; the difference per batch is the hand-off itself.
  const sc = loadScenario("paper");
  const idle: PolicyFactory = {
    name: "idle", description: "decides nothing", create: () => ({ name: "idle", decide: () => -1, decideBatch: () => {} }),
  };
  const o = { devices: 1, seed: 1, durationS: 2000, warmupS: 0, wasm };
  const batches = 2000 / 0.1;
  const turns: number[] = [];
  for (let k = 0; k < 5; k++) {
    let t0 = performance.now();
    runReplica(sc, idle, o);
    const host = performance.now() - t0;
    t0 = performance.now();
    runReplica(sc, "utilization-based", o);
    const native = performance.now() - t0;
    turns.push(((host - native) * 1e6) / batches);
  }
  return { trivialCallNs, viewCallNs, hostTurnNs: Math.max(0, median(turns)) };
}

/** Peak RSS of a long replica in fresh child processes (under tsx, and bundled under plain node). */
async function measureRss(durationS: number): Promise<NonNullable<EngineBenchResult["rss"]>> {
  const body = (imp: (path: string) => string) => `
    const { loadScenario } = ${imp("../src/scenario/load.ts")};
    const { runReplica } = ${imp("../src/engine/run.ts")};
    const { WasmEngine } = ${imp("../src/engine/wasm/engine.ts")};
    const baseline = process.resourceUsage().maxRSS;
    const wasm = new WasmEngine(${JSON.stringify({ wasmPath: fileURLToPath(new URL("../build/mecbench.wasm", import.meta.url)) })});
    const r = runReplica(loadScenario("paper"), "utilization-based", { devices: 2000, seed: 1, durationS: ${durationS}, wasm });
    console.log(JSON.stringify({ maxRss: process.resourceUsage().maxRSS, baseline, tasks: r.tasksSimulated, wasm: wasm.memoryBytes }));`;
  const viaTsx = body((p) => `await import(${JSON.stringify(new URL(p, import.meta.url).href)})`);
  const parse = (out: string) => JSON.parse(out.trim().split("\n").at(-1)!) as { maxRss: number; baseline: number; tasks: number; wasm: number };
  const tsx = parse(execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", viaTsx], { encoding: "utf8" }));
  let nodeMb: number | undefined;
  const dir = mkdtempSync(join(tmpdir(), "mecbench-rss-"));
  try {
    const esbuild = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
    const entry = join(dir, "entry.ts");
    writeFileSync(entry, body((p) => `await import(${JSON.stringify(fileURLToPath(new URL(p, import.meta.url)))})`));
    const out = join(dir, "bundle.mjs");
    await esbuild.build({
      entryPoints: [entry], bundle: true, platform: "node", format: "esm", outfile: out, logLevel: "silent",
      // Each module keeps its own import.meta.url (the presets and package.json are found from it).
      plugins: [{
        name: "source-meta-url",
        setup(b) {
          b.onLoad({ filter: /\.ts$/ }, (args) => ({
            contents: readFileSync(args.path, "utf8").replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
            loader: "ts",
          }));
        },
      }],
    });
    nodeMb = parse(execFileSync(process.execPath, [out], { encoding: "utf8" })).maxRss / 1024;
  } catch {
    nodeMb = undefined; // esbuild comes with tsx; without it only the tsx figure is reported
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    durationS, tasks: tsx.tasks, tsxMb: tsx.maxRss / 1024, tsxBaselineMb: tsx.baseline / 1024, nodeMb, wasmMemoryMb: tsx.wasm / 2 ** 20,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: { quick: { type: "boolean", default: false }, repeats: { type: "string" } },
  });
  const result = await runEngineBench({
    repeats: values.repeats ? Number(values.repeats) : 3,
    cases: defaultCases(values.quick),
    rssDurationS: values.quick ? 600 : 1800,
    log: (line) => console.log(line),
  });
  console.log(JSON.stringify(result.rows.map((r) => ({ case: `${r.scenario}/${r.policy}/${r.devices}`, wasm: Math.round(r.wasmTasksPerS) }))));
}
