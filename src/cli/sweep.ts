// `mecbench sweep`: flags (and an optional --spec file they override) -> a resolved sweep -> runSweep.
// Exit codes: 0 all units done, 1 some unit failed twice (see failures.jsonl), 2 bad input,
// 3 stopped early by the MECBENCH_SWEEP_STOP_AFTER test hook, 130 interrupted (Ctrl-C).
import { join } from "node:path";
import { createProgress } from "../experiment/progress.ts";
import { splitPolicyList } from "../experiment/policy-variant.ts";
import { runSweep } from "../experiment/run-sweep.ts";
import { flagName, readSweepSpec, resolveSweep, type FieldOrigin, type SweepInput } from "../experiment/spec.ts";
import type { ResolvedSweep, Shard } from "../experiment/types.ts";
import { defaultWorkers } from "../experiment/runner.ts";
import { cliOptionsPerPolicy } from "../policies/options.ts";
import { createRegistry } from "../policies/registry.ts";
import type { PolicyDescriptor } from "../policies/types.ts";
import { loadPolicyModules } from "../policies/user-modules.ts";
import { InputError, type Problem } from "../scenario/errors.ts";
import { LIMITS, sweepLimitProblems } from "../scenario/limits.ts";
import { numberProblem, type NumberRule, scanArgs } from "./args.ts";
import { outputPathProblem } from "./output-path.ts";

export const SWEEP_HELP = `Usage: mecbench sweep --scenario <preset|file> [options]

Run every (devices, replica, policy) unit of a sweep on a pool of worker threads, writing tidy
rows, a summary with 95 % confidence intervals, and a manifest into --out. Re-running the same
command resumes: finished units are skipped.

Sweep (also settable in a --spec JSON file; flags override the file):
  --scenario <preset|file>   scenario preset name (paper, edgecloudsim-app4) or JSON file
  --policies a,b,...         policies to compare            (default: every registered policy);
                             a policy with options is its own line: neural-network[labels=outcome]
  --devices 200:2000:200     device counts: start:stop:step, or a list 200,400
                                                            (default: the scenario's deviceCounts)
  --replicas R               replicas per point             (default: 3)
  --duration-s S             simulated seconds per replica  (default: the scenario's)
  --warmup-s W               warm-up seconds, < duration    (default: the scenario's)
  --seed N                   base seed; replica i uses deriveSeed(N, "replica", i)  (default: 1)
  --reference POLICY         paired differences against it  (default: utilization-based if swept)
  --option P.key=value       a policy option, e.g. --option utilization-based.thresholdPct=70
                             (repeatable; merged over the scenario's policyOptions, so part of the
                             sweep hash; mecbench policies lists each policy's options)
  --spec sweep.json          read the sweep from a JSON file (keys: scenario, policies, devices,
                             replicas, durationS, warmupS, seed, reference, policyOptions,
                             policyModules)
  --policy-module FILE       your own policies: a .ts or .js module exporting policy descriptors
                             (repeatable; added to the spec's policyModules; its content hash is
                             part of the sweep hash; see examples/cloud-first.ts)

Execution (not part of the sweep hash):
  --workers W                worker threads                 (default: available cores)
  --out DIR                  output directory   (default: results/sweeps/<scenario>-<sweep hash>)
  --shard i/n                run only units with index mod n == i (0 <= i < n), e.g. one array task
  -h, --help                 show this help

Output (see docs/sweeps.md): rows.jsonl, rows.csv, summary.json, summary.csv, manifest.json,
units/ (one file per finished unit), timing.jsonl, failures.jsonl.
Exit codes: 0 done, 1 some unit failed twice, 2 bad input, 130 interrupted.
`;

const VALUE_FLAGS = [
  "scenario", "policies", "devices", "replicas", "duration-s", "warmup-s", "seed", "reference", "spec", "workers", "out", "shard",
  "option", "policy-module",
] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

export interface SweepArgs {
  help: boolean;
  input: SweepInput;
  origin: FieldOrigin;
  spec?: string;
  workers?: number;
  out?: string;
  shard?: Shard;
  /** --policy-module files, in order. */
  policyModules: string[];
}

/** Parse argv (without "sweep"); every bad flag is reported at once, each with its fix. */
export function parseSweepArgs(argv: readonly string[], policies: readonly PolicyDescriptor[] = createRegistry().list()): SweepArgs {
  // Every flag takes one value, but --option, which may be given again for each option.
  const multiple = (f: ValueFlag) => f === "option" || f === "policy-module";
  const flags = Object.fromEntries(VALUE_FLAGS.map((f) => [f, multiple(f) ? { type: "string" as const, multiple: true } : { type: "string" as const }]));
  const scanned = scanArgs("sweep", argv, flags as Record<ValueFlag, { type: "string"; multiple?: boolean }>);
  const problems = scanned.problems;
  const raw = new Map<ValueFlag, string>();
  for (const flag of VALUE_FLAGS) {
    if (multiple(flag)) continue;
    const value = scanned.values[flag];
    if (value !== undefined) raw.set(flag, value as string);
  }
  const options = (scanned.values.option as unknown as string[] | undefined) ?? [];

  const input: SweepInput = {};
  const origin: FieldOrigin = {};
  const set = <K extends keyof SweepInput>(field: K, value: SweepInput[K] | undefined) => {
    if (value === undefined) return;
    input[field] = value;
    origin[field] = `--${flagName(field)}`;
  };
  const number = (flag: ValueFlag, rule: NumberRule) => {
    const text = raw.get(flag);
    if (text === undefined) return undefined;
    const problem = numberProblem(`--${flag}`, text, rule);
    if (problem) problems.push(problem);
    return problem ? undefined : Number(text);
  };
  set("scenario", raw.get("scenario"));
  set("policies", parseList(raw.get("policies"), problems));
  set("devices", parseDevices(raw.get("devices"), problems));
  set("replicas", number("replicas", { integer: true, min: 1 }));
  set("durationS", number("duration-s", { min: 0, exclusiveMin: true }));
  set("warmupS", number("warmup-s", { min: 0 }));
  set("seed", number("seed", { integer: true, min: 0 }));
  set("reference", raw.get("reference"));
  if (options.length > 0) {
    set("policyOptions", cliOptionsPerPolicy(policies, options, problems));
    origin.policyOptions = "--option";
  }
  const workers = number("workers", { integer: true, min: 1 });
  const shard = parseShard(raw.get("shard"), problems);
  const outProblem = outputPathProblem("--out", raw.get("out"), "dir");
  if (outProblem) problems.push(outProblem);
  if (problems.length > 0) throw new InputError("mecbench sweep", problems);
  const modules = (scanned.values["policy-module"] as unknown as string[] | undefined) ?? [];
  return { help: scanned.values.help ?? false, input, origin, spec: raw.get("spec"), workers, out: raw.get("out"), shard, policyModules: modules };
}

function parseList(text: string | undefined, problems: Problem[]): string[] | undefined {
  if (text === undefined) return undefined;
  const items = splitPolicyList(text);
  if (items.length === 0) problems.push({ path: "--policies", value: text, message: "no policy named", fix: "list policies separated by commas, e.g. --policies random,utilization-based" });
  return items;
}

/** "200:2000:200" (inclusive range) or "200,400" or "200". */
export function parseDevices(text: string | undefined, problems: Problem[]): number[] | undefined {
  if (text === undefined) return undefined;
  const fix = "use start:stop:step like 200:2000:200, or a comma list like 200,400 (positive integers)";
  const isCount = (s: string) => /^\d+$/.test(s.trim()) && Number(s) > 0;
  if (text.includes(":")) {
    const parts = text.split(":");
    if (parts.length !== 3 || !parts.every(isCount)) {
      problems.push({ path: "--devices", value: text, message: "not a device range", fix });
      return undefined;
    }
    const [start, stop, step] = parts.map(Number) as [number, number, number];
    if (stop < start) {
      problems.push({ path: "--devices", value: text, message: `the range ends (${stop}) before it starts (${start})`, fix });
      return undefined;
    }
    // Counted before it is expanded: 1:1000000000:1 would take gigabytes as a list.
    const points = Math.floor((stop - start) / step) + 1;
    if (points > LIMITS.sweepPoints) {
      problems.push(...sweepLimitProblems(points, 0, { devices: "--devices", units: "--devices" }));
      return undefined;
    }
    const out: number[] = [];
    for (let n = start; n <= stop; n += step) out.push(n);
    return out;
  }
  const parts = text.split(",").filter((s) => s.trim() !== "");
  if (parts.length === 0 || !parts.every(isCount)) {
    problems.push({ path: "--devices", value: text, message: "not a list of device counts", fix });
    return undefined;
  }
  return parts.map(Number);
}

/** "i/n" with 0 <= i < n. */
export function parseShard(text: string | undefined, problems: Problem[]): Shard | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index >= count) {
    problems.push({
      path: "--shard",
      value: text,
      message: "not a shard i/n with 0 <= i < n",
      fix: "write e.g. --shard 0/4 (indices start at 0: $JOB_COMPLETION_INDEX or $SLURM_ARRAY_TASK_ID)",
    });
    return undefined;
  }
  return { index, count };
}

export function defaultOutDir(sweep: ResolvedSweep, shard: Shard | undefined): string {
  const name = sweep.scenarioName.replace(/[^A-Za-z0-9._-]+/g, "_");
  const suffix = shard ? `-shard${shard.index}of${shard.count}` : "";
  return join("results", "sweeps", `${name}-${sweep.hash}${suffix}`);
}

/** An InputError as the CLI prints it: one line when there is one problem. */
export function formatInputError(command: string, err: InputError): string {
  const [header = "", ...lines] = err.message.split("\n");
  const source = header.replace(/: \d+ problems?$/, "");
  const items = lines.map((l) => l.replace(/^\s*- /, ""));
  // The source is worth repeating only when it is a file the paths are inside of.
  const generic = ["sweep", "merge", command].includes(source) || items.every((l) => l.startsWith(source));
  if (items.length === 1) return generic ? `${command}: ${items[0]}` : `${command}: ${source}: ${items[0]}`;
  return `${command}: ${generic ? "" : `${source}: `}${items.length} problems\n${lines.join("\n")}`;
}

/** Whether argv[i] is an --option flag or its value (skipped on the first pass, before the modules are loaded). */
function isOptionArg(argv: readonly string[], i: number): boolean {
  const a = argv[i]!;
  if (a === "--option" || a.startsWith("--option=")) return true;
  return i > 0 && argv[i - 1] === "--option";
}

export async function sweepCommand(argv: string[]): Promise<number> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    // The policy modules first: --option may name their policies.
    const pre = parseSweepArgs(argv.filter((_, i) => !isOptionArg(argv, i)));
    if (pre.help) {
      process.stdout.write(SWEEP_HELP);
      return 0;
    }
    const file: { input: SweepInput; origin: FieldOrigin } = pre.spec !== undefined ? readSweepSpec(pre.spec) : { input: {}, origin: {} };
    const specModules = file.input.policyModules ?? [];
    const modulePaths = [...specModules, ...pre.policyModules];
    const where = (i: number) => (i < specModules.length ? `${pre.spec}: policyModules[${i}]` : "--policy-module");
    const { modules, registry } = await loadPolicyModules(modulePaths, where);
    const args = parseSweepArgs(argv, registry.list());
    const { policyModules: _paths, ...specInput } = file.input;
    const sweep = resolveSweep({ ...specInput, ...args.input }, { ...file.origin, ...args.origin }, {
      registry, policyModules: modules,
    });
    const workers = args.workers ?? defaultWorkers();
    const outDir = args.out ?? defaultOutDir(sweep, args.shard);
    const units = sweep.devices.length * sweep.replicas * sweep.policies.length;
    log(
      `sweep ${sweep.hash}: scenario ${sweep.scenarioName} (${sweep.resolved.hash}), ${sweep.policies.length} policies × ` +
        `${sweep.devices.length} device counts × ${sweep.replicas} replicas = ${units} units` +
        `${args.shard ? `, shard ${args.shard.index}/${args.shard.count}` : ""}; ${workers} worker${workers === 1 ? "" : "s"}; out ${outDir}`,
    );
    const stopAfter = process.env["MECBENCH_SWEEP_STOP_AFTER"];
    const onInterrupt = () => {
      log(`\ninterrupted: finished units are saved in ${outDir}; run the same command again to resume`);
      process.exit(130);
    };
    process.once("SIGINT", onInterrupt);
    try {
      const outcome = await runSweep(sweep, {
        outDir,
        workers,
        shard: args.shard ?? null,
        commandLine: ["mecbench", "sweep", ...argv],
        progress: createProgress(),
        registry,
        stopAfterUnits: stopAfter !== undefined ? Number(stopAfter) : undefined,
      });
      if (outcome.status === "stopped") {
        log(`stopped after ${outcome.completed} units (MECBENCH_SWEEP_STOP_AFTER); run the same command again to resume`);
        return 3;
      }
      const ran = `${outcome.completed} units run, ${outcome.skipped} already done`;
      if (outcome.status === "failed") {
        log(`${outcome.failures.length} of ${outcome.total} units failed twice (${join(outDir, "failures.jsonl")}); ${ran}. Fix the cause and re-run the same command to retry them.`);
        return 1;
      }
      log(`done: ${ran}; results in ${join(outDir, "rows.csv")} and ${join(outDir, "summary.csv")}`);
      return 0;
    } finally {
      process.removeListener("SIGINT", onInterrupt);
    }
  } catch (err) {
    if (err instanceof InputError) {
      log(formatInputError("mecbench sweep", err));
      return 2;
    }
    throw err;
  }
}
