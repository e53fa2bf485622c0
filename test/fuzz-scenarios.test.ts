// Fuzzing the scenario input: every field of the resolved presets mutated one at a time (type
// swaps, sign flips, zero, huge and tiny numbers, "NaN" strings, deletions, unknown keys at every
// depth). Each mutant must either validate and run (a very short replica in-process, with a sane
// result) or be refused with an InputError that names the mutated path: never another error, never
// a stack trace. A small sample goes through the CLI as a user would (exit 0 or 2, nothing else).
// The generator is seeded, so a failure names a mutant that reproduces.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runReplica } from "../src/engine/run.ts";
import type { RunResult } from "../src/results/run-result.ts";
import { uniformSource } from "../src/kernel/random.ts";
import { WasmEngine } from "../src/engine/wasm/engine.ts";
import { InputError, jsonPath } from "../src/scenario/errors.ts";
import { loadScenario, presetNames } from "../src/scenario/load.ts";
import { resolveScenario } from "../src/scenario/validate.ts";
import { BIN } from "./helpers/cli.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Key = string | number;
type Kind = "swap" | "negate" | "zero" | "huge" | "tiny" | "nan-string" | "delete" | "unknown-key";

interface Mutant {
  preset: string;
  kind: Kind;
  /** The path the mutation touched (for unknown-key: the new key). */
  path: string;
  data: Json;
}

// MECBENCH_FUZZ_MUTANTS / MECBENCH_FUZZ_SEED explore further locally; CI runs the defaults.
const MUTANTS = Number(process.env.MECBENCH_FUZZ_MUTANTS ?? 600);
const SEED = Number(process.env.MECBENCH_FUZZ_SEED ?? 18);
const POLICIES = ["random", "utilization-based", "greedy-min-service"];

/** Every path in the document, containers included (the root excluded). */
function allPaths(node: Json, prefix: Key[] = [], out: Key[][] = []): Key[][] {
  if (Array.isArray(node)) node.forEach((v, i) => (out.push([...prefix, i]), allPaths(v, [...prefix, i], out)));
  else if (node !== null && typeof node === "object") for (const [k, v] of Object.entries(node)) (out.push([...prefix, k]), allPaths(v, [...prefix, k], out));
  return out;
}

function get(node: Json, path: Key[]): Json {
  return path.reduce<Json>((n, k) => (n as Record<Key, Json>)[k]!, node);
}

function kindsFor(value: Json): Kind[] {
  const common: Kind[] = ["swap", "delete"];
  if (typeof value === "number") return [...common, "negate", "zero", "huge", "tiny", "nan-string"];
  if (typeof value === "string") return [...common, "nan-string", "zero"];
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return [...common, "unknown-key"];
  if (Array.isArray(value)) return [...common, "zero"];
  return common;
}

function swapped(value: Json): Json {
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return 42;
  if (typeof value === "boolean") return value ? "true" : 1;
  if (value === null) return "null";
  return Array.isArray(value) ? {} : [];
}

function mutate(base: Json, path: Key[], kind: Kind, rnd: () => number): { data: Json; path: string } {
  const data = structuredClone(base);
  const parent = get(data, path.slice(0, -1)) as Record<Key, Json> & Json[];
  const key = path.at(-1)!;
  const value = parent[key]!;
  const set = (v: Json) => (parent[key] = v);
  switch (kind) {
    case "swap": set(swapped(value)); break;
    case "negate": set(typeof value === "number" && value !== 0 ? -value : -1); break;
    case "zero": set(0); break;
    case "huge": set(rnd() < 0.5 ? 1e308 : 1e12); break;
    case "tiny": set(rnd() < 0.5 ? 1e-300 : 1e-9); break;
    case "nan-string": set("NaN"); break;
    case "delete":
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case "unknown-key":
      (value as Record<string, Json>).zzUnknownKey = 1;
      return { data, path: jsonPath([...path, "zzUnknownKey"]) };
  }
  return { data, path: jsonPath(path) };
}

function generateMutants(): Mutant[] {
  // The project's named streams pick the mutants and their policies (streams of their own: the
  // engine's stay untouched).
  const rnd = uniformSource(SEED, "fuzz-mutants");
  const candidates: { preset: string; base: Json; path: Key[]; kind: Kind }[] = [];
  for (const preset of presetNames()) {
    const base = JSON.parse(JSON.stringify(loadScenario(preset).scenario)) as Json;
    for (const path of allPaths(base)) for (const kind of kindsFor(get(base, path))) candidates.push({ preset, base, path, kind });
  }
  // A seeded shuffle, then the first MUTANTS: every kind and depth is represented in proportion.
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
  }
  return candidates.slice(0, MUTANTS).map((c) => ({ preset: c.preset, kind: c.kind, ...mutate(c.base, c.path, c.kind, rnd) }));
}

/** `a.b[2].c` as segments, `[*]` kept as a wildcard. */
const segments = (path: string) => path.split(/(?=[.[])/).map((s) => s.replace(/^\./, ""));
const sameSegment = (a: string, b: string) => a === b || a === "[*]" || b === "[*]";
const isPrefix = (short: string[], long: string[]) => short.length <= long.length && short.every((s, i) => sameSegment(s, long[i]!));

/** The error names the mutated path: the same path, an ancestor of it, a descendant, or in its text. */
function namesPath(err: InputError, mutated: string): boolean {
  const m = segments(mutated);
  if (err.message.includes(mutated)) return true;
  return err.problems.some((p) => {
    const s = segments(p.path);
    return p.path !== "" && (isPrefix(s, m) || isPrefix(m, s));
  });
}

/** A result a reader could believe: counts add up, shares and percentages in range (or not computable). */
function saneProblems(r: RunResult): string[] {
  const bad: string[] = [];
  const c = r.counts;
  if (c.generated !== c.completed + c.failed + c.inFlight) bad.push("counts do not add up");
  if (!Number.isInteger(r.tasksSimulated) || r.tasksSimulated < 0) bad.push(`tasksSimulated ${r.tasksSimulated}`);
  const pct = (name: string, x: number | null) => {
    if (x !== null && !Number.isNaN(x) && !(x >= -1e-9 && x <= 100 + 1e-9)) bad.push(`${name} ${x}`);
  };
  pct("failedTaskPct", r.metrics.failedTaskPct);
  pct("vmUtilizationPct.edge", r.metrics.vmUtilizationPct.edge);
  pct("vmUtilizationPct.cloud", r.metrics.vmUtilizationPct.cloud);
  for (const [k, v] of Object.entries(r.metrics.tierSharePct)) pct(`tierSharePct.${k}`, v);
  const t = r.metrics.serviceTimeS;
  if (t !== null && !Number.isNaN(t) && !(t >= 0)) bad.push(`serviceTimeS ${t}`);
  return bad;
}

type Outcome = { mutant: Mutant; status: "ran" | "refused"; ms: number; error?: InputError };

/** Validate and (when accepted) run every mutant in-process; failures are what the test reports. */
function fuzz(mutants: readonly Mutant[], wasm: WasmEngine): { outcomes: Outcome[]; failures: string[] } {
  const outcomes: Outcome[] = [];
  const failures: string[] = [];
  const policyPick = uniformSource(SEED, "fuzz-policies");
  for (const mutant of mutants) {
    const started = performance.now();
    const label = `${mutant.preset} ${mutant.kind} ${mutant.path}`;
    try {
      const resolved = resolveScenario(mutant.data, `fuzz ${mutant.preset}`);
      const policy = POLICIES[Math.floor(policyPick() * POLICIES.length)]!;
      const result = runReplica(resolved, policy, { devices: 5, seed: 1, durationS: 20, warmupS: 1, wasm });
      const bad = saneProblems(result);
      if (bad.length > 0) failures.push(`${label}: accepted, but the result is not sane: ${bad.join("; ")}`);
      outcomes.push({ mutant, status: "ran", ms: performance.now() - started });
    } catch (e) {
      if (!(e instanceof InputError)) {
        failures.push(`${label}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
        continue;
      }
      if (!namesPath(e, mutant.path)) failures.push(`${label}: refused without naming the path:\n${e.message}`);
      outcomes.push({ mutant, status: "refused", ms: performance.now() - started, error: e });
    }
  }
  return { outcomes, failures };
}

describe("scenario fuzzing", () => {
  const mutants = generateMutants();
  const wasm = new WasmEngine();
  let done: ReturnType<typeof fuzz> | undefined;
  const results = () => (done ??= fuzz(mutants, wasm));
  const tmp = mkdtempSync(join(tmpdir(), "mecbench-fuzz-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it(`${mutants.length} mutants of the presets: each runs sanely or is refused naming its path`, () => {
    expect(mutants.length).toBeGreaterThanOrEqual(Math.min(MUTANTS, 500));
    const { outcomes, failures } = results();
    const ran = outcomes.filter((o) => o.status === "ran").length;
    const slowest = outcomes.reduce((a, b) => (b.ms > a.ms ? b : a), outcomes[0]!);
    console.log(
      `fuzz: ${mutants.length} mutants: ${ran} accepted and ran sanely, ${outcomes.length - ran} refused naming the path, ` +
        `${failures.length} failures; slowest ${slowest.ms.toFixed(0)} ms (${slowest.mutant.preset} ${slowest.mutant.kind} ${slowest.mutant.path}, ${slowest.status})`,
    );
    expect(failures).toEqual([]);
    // Both outcomes occur, or the generator is not exercising anything.
    expect(ran).toBeGreaterThan(0);
    expect(outcomes.length - ran).toBeGreaterThan(0);
  }, 110_000);

  it("a sample through the CLI: exit 0 or 2, the path named, no stack trace, no output file", () => {
    const { outcomes } = results();
    const refused = outcomes.filter((o) => o.status === "refused").slice(0, 4);
    const accepted = outcomes.filter((o) => o.status === "ran").slice(0, 2);
    expect(refused.length + accepted.length).toBe(6);
    [...refused, ...accepted].forEach((o, i) => {
      const file = join(tmp, `mutant-${i}.json`);
      writeFileSync(file, JSON.stringify(o.mutant.data));
      const r = spawnSync(process.execPath, [BIN, "run", "--scenario", file, "--policy", "random", "--devices", "5", "--duration-s", "20", "--warmup-s", "1"], {
        encoding: "utf8", timeout: 30_000, cwd: tmp, env: { ...process.env, NO_COLOR: "1" },
      });
      const label = `${o.mutant.preset} ${o.mutant.kind} ${o.mutant.path}`;
      expect(r.status, label).toBe(o.status === "ran" ? 0 : 2);
      expect(r.stderr, label).not.toMatch(/\n\s+at |RuntimeError|MECBENCH_DEBUG/);
      if (o.status === "refused") expect(r.stderr, label).toContain(o.error!.problems[0]!.path);
    });
    expect(readdirSync(tmp).filter((f) => !f.startsWith("mutant-"))).toEqual([]);
  }, 110_000);
});
