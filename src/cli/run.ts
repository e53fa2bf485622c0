// mecbench run: one replica of a scenario at one device count with one policy.
import { runReplica } from "../engine/run.ts";
import type { RunResult } from "../results/run-result.ts";
import { cliPolicyOptions } from "../policies/options.ts";
import { loadPolicyModules } from "../policies/user-modules.ts";
import { InputError } from "../scenario/errors.ts";
import { runLimitProblems } from "../scenario/limits.ts";
import { loadScenario } from "../scenario/load.ts";
import { checkRunWindow } from "../scenario/run-window.ts";
import { numberFlag, parseCommandArgs } from "./args.ts";
import { openTraceWriter } from "../results/trace.ts";

const HELP = `mecbench run: simulate one scenario at one device count with one policy

Usage: mecbench run --scenario <preset|file> --policy <name> --devices <n> [options]

  --scenario <preset|file>  built-in preset (paper, edgecloudsim-app4) or a scenario JSON file
  --policy <name>           offloading policy (mecbench policies lists them)
  --devices <n>             number of IoT devices (default: the scenario's first sweep point)
  --duration-s <s>          simulated time (default: the scenario's simulation.durationS)
  --warmup-s <s>            tasks arriving before this are not counted (default: scenario)
  --seed <n>                master seed (default 1); same seed, same result, bit for bit
  --option key=value        a policy option (repeatable), e.g. --option thresholdPct=70;
                            mecbench policies lists each policy's options and defaults
  --format table|json       output (default table); json: one object with metrics, counts,
                            seed, scenarioHash, version, tasksSimulated, models, wallS
  --trace <file.csv>        also write one row per task (arrival, app, device, tier, host,
                            VM, upload/queue/exec/download times, outcome, reason), streamed
  --policy-module <file>    load your own policies from a .ts or .js module exporting policy
                            descriptors (repeatable; see examples/cloud-first.ts)
`;

export async function runCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs("run", argv, {
    scenario: { type: "string" },
    policy: { type: "string" },
    devices: { type: "string" },
    "duration-s": { type: "string" },
    "warmup-s": { type: "string" },
    seed: { type: "string" },
    option: { type: "string", multiple: true },
    format: { type: "string" },
    trace: { type: "string" },
    "policy-module": { type: "string", multiple: true },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const missing = (["scenario", "policy"] as const).filter((k) => values[k] === undefined);
  if (missing.length > 0) {
    throw new InputError("mecbench run", missing.map((k) => ({ path: `--${k}`, message: "required", fix: `add --${k} (see mecbench run --help)` })));
  }
  const format = values.format ?? "table";
  if (format !== "table" && format !== "json") {
    throw new InputError("mecbench run", [{ path: "--format", value: format, message: "unknown format", fix: "use --format table or --format json" }]);
  }
  const modulePaths = (values["policy-module"] as string[] | undefined) ?? [];
  const { registry } = await loadPolicyModules(modulePaths, () => "--policy-module");
  const policy = registry.get(values.policy!);
  // Flags first (they need no file: a typo in an option is reported at once, naming the flag), then
  // the scenario, then the limits and the run window, which need both.
  const devicesFlag = numberFlag("run", "devices", values.devices, { integer: true, min: 1 });
  const seed = numberFlag("run", "seed", values.seed, { integer: true, min: 0 }) ?? 1;
  const durationFlag = numberFlag("run", "duration-s", values["duration-s"], { min: 0, exclusiveMin: true });
  const warmupS = numberFlag("run", "warmup-s", values["warmup-s"], { min: 0 });
  const policyOptions = cliPolicyOptions("run", policy, values.option as string[] | undefined);
  const resolved = loadScenario(values.scenario!);
  const devices = devicesFlag ?? resolved.scenario.deviceCounts[0]!;
  const durationS = durationFlag ?? resolved.scenario.simulation.durationS;
  const limits = runLimitProblems(resolved.scenario, devices, durationS, {
    devices: devicesFlag !== undefined ? "--devices" : "deviceCounts[0]",
    durationS: durationFlag !== undefined ? "--duration-s" : "simulation.durationS",
  });
  if (limits.length > 0) throw new InputError("mecbench run", limits);
  checkRunWindow(
    resolved.scenario,
    { durationS, warmupS: warmupS ?? resolved.scenario.simulation.warmupS },
    { durationS: "--duration-s", warmupS: "--warmup-s", scenario: `--scenario ${values.scenario}`, warmupGiven: warmupS !== undefined },
    "mecbench run",
  );
  // Opened last, once every input is known good: a refused run leaves no half-written file.
  const trace = values.trace === undefined ? undefined : openTrace(values.trace, resolved.scenario);
  const result = runReplica(resolved, policy, {
    devices,
    seed,
    durationS: durationFlag,
    warmupS,
    policyOptions,
    registry,
    ...(trace ? { trace: trace.record } : {}),
  });
  if (trace) process.stderr.write(`trace: ${trace.close()} tasks written to ${values.trace}\n`);
  process.stdout.write(format === "json" ? `${JSON.stringify(result, null, 2)}\n` : formatTable(result));
  return 0;
}

function openTrace(path: string, scenario: Parameters<typeof openTraceWriter>[1]) {
  try {
    return openTraceWriter(path, scenario);
  } catch (e) {
    throw new InputError("mecbench run", [{ path: "--trace", value: path, message: `cannot write the file (${(e as Error).message})`, fix: "give a path in an existing, writable directory" }]);
  }
}

function formatTable(r: RunResult): string {
  const m = r.metrics;
  // No data (null: a mean over no tasks) prints as "–", never as 0 (docs/metrics.md).
  const f = (x: number | null, d = 3) => (x === null ? "–" : Number.isFinite(x) ? x.toFixed(d) : String(x));
  const lines = [
    `${r.scenario} (${r.scenarioHash}) · ${r.policy} · ${r.devices} devices · seed ${r.seed} · ${r.durationS} s (warm-up ${r.warmupS} s)`,
    `tasks simulated ${r.tasksSimulated} in ${f(r.wallS, 2)} s wall (${Math.round(r.tasksSimulated / Math.max(r.wallS, 1e-9))} tasks/s); offered load ρ ${f(m.offeredLoad.rhoTotal, 2)}`,
    "",
    `  service time        ${f(m.serviceTimeS)} s  (std ${f(m.serviceTimeStdS)}; p50 ${f(m.serviceTimeQuantilesS.p50)}, p95 ${f(m.serviceTimeQuantilesS.p95)}, p99 ${f(m.serviceTimeQuantilesS.p99)})`,
    `  processing time     ${f(m.processingTimeS)} s`,
    `  network delay       ${f(m.networkDelayS)} s`,
    `  failed tasks        ${f(m.failedTaskPct, 2)} %  (${Object.entries(m.failedPctByReason).map(([k, v]) => `${k} ${f(v, 2)}`).join(", ")})`,
    `  VM utilization      edge ${f(m.vmUtilizationPct.edge, 2)} %, cloud ${f(m.vmUtilizationPct.cloud, 2)} %`,
    `  tier share          ${Object.entries(m.tierSharePct).map(([k, v]) => `${k} ${f(v, 1)} %`).join(", ")}`,
    `  breakdown (s)       ${Object.entries(m.breakdownS).map(([k, v]) => `${k} ${f(v)}`).join(", ")}`,
    `  counts              completed ${r.counts.counted.completed}, failed ${r.counts.counted.failed}, in flight ${r.counts.inFlight} (all: generated ${r.counts.generated})`,
    "",
    "  per app             service s   failed %   completed",
    ...Object.entries(m.perApp).map(([app, s]) => `  ${app.padEnd(20)}${f(s.serviceTimeS).padStart(9)}${f(s.failedTaskPct, 2).padStart(11)}${String(s.completed).padStart(12)}`),
  ];
  if (Object.keys(r.policyStats).length > 0) lines.push("", `  policy stats        ${Object.entries(r.policyStats).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  return `${lines.join("\n")}\n`;
}
