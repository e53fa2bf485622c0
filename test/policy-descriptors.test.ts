// A policy is one descriptor: its options schema (the only defaults), counters, native id and
// encoder, report colour. These tests hold the things derived from it to it: option checking on
// every path (command line, scenario, API), the binder, the ids the AssemblyScript side declares,
// `mecbench policies`, the docs table and the report palette.
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { policiesMarkdown } from "../src/cli/policies.ts";
import { runReplica } from "../src/engine/run.ts";
import { nativePolicy } from "../src/engine/wasm/policies.ts";
import { parseSweepArgs } from "../src/cli/sweep.ts";
import { resolveSweep } from "../src/experiment/spec.ts";
import { FIS_DEFUZZIFIER_CODES } from "../src/policies/fuzzy/encode.ts";
import { NATIVE_POLICY_IDS, nativeConstantName } from "../src/policies/native-ids.ts";
import { cliPolicyOptions, policyOptionsProblems, resolvePolicyOptions } from "../src/policies/options.ts";
import { BUILTIN_POLICIES, createRegistry } from "../src/policies/registry.ts";
import type { PolicyDescriptor, PolicyFactory } from "../src/policies/types.ts";
import { policyPalette } from "../src/report/policies.ts";
import { InputError } from "../src/scenario/errors.ts";
import { loadScenario } from "../src/scenario/load.ts";
import { mecbench } from "./helpers/cli.ts";

/** The thrown error of f (fails the test when f does not throw). */
function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

/** A scenario file: the preset as resolved, with `patch` applied on top. */
function scenarioFile(preset: string, patch: Record<string, unknown>): string {
  const path = join(mkdtempSync(join(tmpdir(), "descriptors-")), `${preset}.json`);
  writeFileSync(path, JSON.stringify({ ...loadScenario(preset).scenario, ...patch }));
  return path;
}

const tiny = { devices: 5, seed: 1, durationS: 15, warmupS: 0 };

describe("options are checked against the descriptor's schema", () => {
  it("mecbench run --option thresholdPtc=70 on utilization-based exits 2 with did you mean \"thresholdPct\"", () => {
    const r = mecbench("run", "--scenario", "paper", "--policy", "utilization-based", "--option", "thresholdPtc=70",
      "--devices", "50", "--duration-s", "60", "--warmup-s", "10");
    expect(r.code).toBe(2);
    expect(r.err).toContain('did you mean "thresholdPct"');
    expect(r.err).toContain("--option thresholdPtc");
    expect(r.err).not.toContain("    at ");
    expect(r.out).toBe("");
  });

  it("every built-in rejects an unknown option the same way, through runReplica", () => {
    const sc = loadScenario("paper");
    for (const p of BUILTIN_POLICIES) {
      const e = thrown(() => runReplica(sc, p.name, { ...tiny, policyOptions: { bogusOption: 1 } }));
      expect(e, p.name).toBeInstanceOf(InputError);
      const known = Object.keys(p.options.shape);
      expect(e.message, p.name).toContain(`policyOptions.bogusOption: unknown option (found 1). Fix: remove it (${p.name} ${known.length > 0 ? `accepts: ${known.join(", ")}` : "takes no options"})`);
      // A near miss of a real option gets its name suggested.
      for (const key of known) {
        const typo = `${key.slice(0, -1)}${key.at(-1) === "x" ? "y" : "x"}`;
        expect(thrown(() => resolvePolicyOptions(p, [{ values: { [typo]: 1 }, at: (k) => k }], p.name)).message, `${p.name} ${typo}`)
          .toContain(`did you mean "${key}"`);
      }
    }
  });

  it("a wrong type or value names the option, the value and the fix", () => {
    const sc = loadScenario("edgecloudsim-app4");
    const cases: [policy: string, options: Record<string, unknown>, expected: RegExp][] = [
      ["utilization-based", { thresholdPct: "high" }, /policyOptions\.thresholdPct: not a number from 0 to 100 \(found "high"\)\. Fix: give thresholdPct a number from 0 to 100, e\.g\. thresholdPct=70/],
      ["utilization-based", { thresholdPct: 170 }, /thresholdPct: not a number from 0 to 100 \(found 170\)/],
      ["almutairi", { variant: 3 }, /variant: not an allowed value \(found 3\)\. Fix: use one of: base, shifted, cog/],
      ["neural-network", { repeat: 1.5 }, /repeat: not a whole number from 1 to 1000 \(found 1\.5\)\. Fix: .*repeat=2/],
      ["neural-network", { modelDir: "" }, /modelDir: not a non-empty string/],
    ];
    for (const [policy, options, expected] of cases) {
      const e = thrown(() => runReplica(sc, policy, { ...tiny, policyOptions: options }));
      expect(e, policy).toBeInstanceOf(InputError);
      expect(e.message, policy).toMatch(expected);
    }
  });

  it("command-line values are converted to the option's type; unconvertible ones are named with the flag", () => {
    const nn = createRegistry().get("neural-network");
    expect(cliPolicyOptions("run", nn, ["repeat=2", "order=none", "model=123"])).toEqual({ repeat: 2, order: "none", model: "123" });
    // Booleans (no built-in has one since neural-network's profile left with its TypeScript twin).
    const flagged: PolicyDescriptor = {
      name: "flagged", description: "a user policy with a boolean option",
      options: z.strictObject({ verbose: z.boolean().default(false) }),
      create: () => ({ name: "flagged", decide: () => -1 }),
    };
    expect(cliPolicyOptions("run", flagged, ["verbose=true"])).toEqual({ verbose: true });
    expect(thrown(() => cliPolicyOptions("run", flagged, ["verbose=yes"])).message).toMatch(/--option verbose: not true or false \(found "yes"\)/);
    expect(thrown(() => cliPolicyOptions("run", nn, ["repeat=two"])).message).toMatch(/--option repeat: not a whole number/);
    expect(thrown(() => cliPolicyOptions("run", nn, ["repeat"])).message).toMatch(/--option: not of the form key=value/);
    // A user's policy without a schema gets JSON values (numbers, booleans) or the text, unchecked.
    const mine: PolicyFactory = { name: "mine", description: "x", create: () => ({ name: "mine", decide: () => -1 }) };
    expect(cliPolicyOptions("run", mine, ["k=70", "b=true", "s=abc"])).toEqual({ k: 70, b: true, s: "abc" });
  });

  it("scenario policyOptions: a key naming no policy fails mecbench validate and run with its JSON path and a suggestion", () => {
    const file = scenarioFile("paper", { policyOptions: { "utilisation-based": { thresholdPct: 70 } } });
    for (const args of [["validate", file], ["run", "--scenario", file, "--policy", "random", "--devices", "5", "--duration-s", "20", "--warmup-s", "0"]]) {
      const r = mecbench(...args);
      expect(r.code, args[0]).toBe(2);
      expect(r.err, args[0]).toContain('policyOptions.utilisation-based: names no registered policy (did you mean "utilization-based"?)');
      expect(r.err, args[0]).not.toContain("    at ");
    }
    expect(mecbench("validate", scenarioFile("paper", { policyOptions: { "utilization-based": { thresholdPct: 70 } } })).code).toBe(0);
  });

  it("scenario policyOptions are checked against the schema, for every policy, before a sweep starts", () => {
    const file = scenarioFile("paper", { policyOptions: { almutairi: { variant: "shifed" }, "utilization-based": { thresholdPtc: 70 } } });
    const r = mecbench("validate", file);
    expect(r.code).toBe(2);
    expect(r.err).toContain("policyOptions.almutairi.variant: not an allowed value");
    expect(r.err).toContain('policyOptions.utilization-based.thresholdPtc: unknown option (did you mean "thresholdPct"?)');
    const e = thrown(() => resolveSweep({ scenario: file, policies: ["random"], devices: [10] }));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toContain("policyOptions.almutairi.variant");
    // run of another policy refuses the scenario too: the file is wrong whichever policy runs.
    expect(thrown(() => runReplica(loadScenario(file), "random", tiny)).message).toContain("policyOptions.utilization-based.thresholdPtc");
  });

  it("sweep --option policy.key=value: coerced, checked with did-you-mean, merged into the scenario (so the sweep hash)", () => {
    const args = parseSweepArgs(["--scenario", "paper", "--option", "utilization-based.thresholdPct=70", "--option", "almutairi.variant=cog"]);
    expect(args.input.policyOptions).toEqual({ "utilization-based": { thresholdPct: 70 }, almutairi: { variant: "cog" } });
    const withOptions = resolveSweep(args.input, args.origin);
    expect(withOptions.resolved.scenario.policyOptions).toEqual({ "utilization-based": { thresholdPct: 70 }, almutairi: { variant: "cog" } });
    const without = resolveSweep({ scenario: "paper" });
    expect(withOptions.resolved.hash).not.toBe(without.resolved.hash);
    expect(withOptions.hash).not.toBe(without.hash);
    const bad = thrown(() => parseSweepArgs(["--option", "utilization-based.thresholdPtc=70", "--option", "utilisation-based.x=1", "--option", "thresholdPct=70"]));
    expect(bad.message).toContain('--option utilization-based.thresholdPtc: unknown option (did you mean "thresholdPct"?)');
    expect(bad.message).toContain('--option utilisation-based.x: names no registered policy (did you mean "utilization-based"?)');
    expect(bad.message).toContain("--option: not of the form policy.key=value");
    // The same through a --spec file's policyOptions, with the file's JSON path.
    const e = thrown(() => resolveSweep({ scenario: "paper", policyOptions: { random: { seed: 1 } } }, { policyOptions: "sweep.json: policyOptions" }));
    expect(e.message).toContain("sweep.json: policyOptions.random.seed: unknown option");
  });

  it("scenario options reach the policy and API options override them", () => {
    const sc = loadScenario(scenarioFile("edgecloudsim-app4", { policyOptions: { "utilization-based": { thresholdPct: 0 } } }));
    const fromScenario = runReplica(sc, "utilization-based", { ...tiny, devices: 50, durationS: 100 });
    const overridden = runReplica(sc, "utilization-based", { ...tiny, devices: 50, durationS: 100, policyOptions: { thresholdPct: 80 } });
    const plain = runReplica(loadScenario("edgecloudsim-app4"), "utilization-based", { ...tiny, devices: 50, durationS: 100 });
    expect(fromScenario.metrics.tierSharePct.cloud).toBeGreaterThan(0);
    expect(overridden.metrics).toEqual(plain.metrics);
  });
});

describe("defaults live in the descriptor and equal the old behaviour", () => {
  it("the binder encodes the schema's defaults: utilization-based 80, neural-network wasm/expert/descending/repeat 1", () => {
    const sc = loadScenario("paper").scenario;
    const registry = createRegistry();
    expect(Array.from(nativePolicy(registry.get("utilization-based"), {}, sc)!.params)).toEqual([80]);
    expect(Array.from(nativePolicy(registry.get("utilization-based"), { thresholdPct: 70 }, sc)!.params)).toEqual([70]);
    const nn = resolvePolicyOptions(registry.get("neural-network"), [], "nn");
    expect(nn).toEqual({ backend: "wasm", labels: "expert", order: "descending", repeat: 1, allowForeignModel: false });
    const params = nativePolicy(registry.get("neural-network"), {}, sc)!.params;
    expect([params[0], params[1]]).toEqual([0, 1]); // order code of "descending", repeat
    expect(resolvePolicyOptions(registry.get("almutairi"), [], "a")).toEqual({ variant: "base" });
  });

  it("a user's policy: without a schema its options reach create as given; with one they are checked and completed", () => {
    const seen: unknown[] = [];
    const plain: PolicyFactory = {
      name: "cloud-last", description: "x",
      create: (ctx) => (seen.push(ctx.options), { name: "cloud-last", decide: () => -1 }),
    };
    const checked: PolicyFactory = {
      ...plain, name: "cloud-checked",
      options: z.strictObject({ limit: z.number().default(3) }),
    };
    const registry = createRegistry();
    registry.add(plain);
    registry.add(checked);
    const sc = loadScenario("edgecloudsim-app4");
    runReplica(sc, "cloud-last", { ...tiny, registry, policyOptions: { anything: "goes" } });
    runReplica(sc, "cloud-checked", { ...tiny, registry });
    expect(seen).toEqual([{ anything: "goes" }, { limit: 3 }]);
    expect(thrown(() => runReplica(sc, "cloud-checked", { ...tiny, registry, policyOptions: { limt: 1 } })).message).toContain('did you mean "limit"');
    expect(policyOptionsProblems({ "cloud-last": { x: 1 } }, registry.list())).toEqual([]);
  });
});

describe("everything else is derived from the descriptors", () => {
  it("registry and binder: each built-in's id, counters and name come from its descriptor, ids unique", () => {
    const sc = loadScenario("paper").scenario;
    const ids = new Set<number>();
    for (const p of BUILTIN_POLICIES) {
      expect(p.native.id, p.name).toBe(NATIVE_POLICY_IDS[p.name as keyof typeof NATIVE_POLICY_IDS]);
      ids.add(p.native.id);
      const native = nativePolicy(p, {}, sc)!;
      expect(native.id, p.name).toBe(p.native.id);
      expect(native.statNames, p.name).toEqual(p.counters);
      expect(createRegistry().get(p.name), p.name).toBe(p);
    }
    expect(ids.size).toBe(BUILTIN_POLICIES.length);
    expect(Object.keys(NATIVE_POLICY_IDS).sort()).toEqual(BUILTIN_POLICIES.map((p) => p.name).sort());
  });

  it("the AssemblyScript side declares the same policy ids and defuzzifier codes as the host", () => {
    const declared = new Map<string, number>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith(".ts")) {
          for (const m of readFileSync(path, "utf8").matchAll(/export const ((?:POLICY|FIS)_[A-Z_]+)\s*:\s*i32\s*=\s*(\d+)\s*;/g)) {
            declared.set(m[1]!, Number(m[2]));
          }
        }
      }
    };
    walk(new URL("../assembly", import.meta.url).pathname);
    expect(declared.get("POLICY_HOST")).toBe(0);
    for (const [name, id] of Object.entries(NATIVE_POLICY_IDS)) expect(declared.get(nativeConstantName(name)), name).toBe(id);
    for (const [name, code] of Object.entries(FIS_DEFUZZIFIER_CODES)) expect(declared.get(`FIS_${name.toUpperCase()}`), name).toBe(code);
  });

  it("mecbench policies lists every policy with its options and their defaults", () => {
    const r = mecbench("policies");
    expect(r.code).toBe(0);
    for (const p of BUILTIN_POLICIES) expect(r.out).toContain(`${p.name.padEnd(22)}${p.description}`);
    expect(r.out).toContain("--option thresholdPct=<a number from 0 to 100>, default 80");
    expect(r.out).toContain("--option variant=<one of: base, shifted, cog>, default base");
    const json = JSON.parse(mecbench("policies", "--format", "json").out) as { name: string; nativeId: number }[];
    expect(json.map((p) => [p.name, p.nativeId])).toEqual(BUILTIN_POLICIES.map((p) => [p.name, p.native.id]));
  });

  it("docs/policies.md carries the generated table of policies and options (regenerate: mecbench policies --format markdown)", () => {
    const docs = readFileSync(new URL("../docs/policies.md", import.meta.url), "utf8");
    const begin = docs.indexOf("<!-- BEGIN generated by `mecbench policies --format markdown`; do not edit -->\n");
    const end = docs.indexOf("<!-- END generated -->");
    expect(begin).toBeGreaterThan(0);
    const table = docs.slice(docs.indexOf("\n", begin) + 1, end);
    expect(table).toBe(policiesMarkdown(BUILTIN_POLICIES));
  });

  it("report colours: each built-in's descriptor colour in any subset, distinct; a user's policy takes a spare one", () => {
    const colours = new Set(BUILTIN_POLICIES.map((p) => p.colour));
    expect(colours.size).toBe(BUILTIN_POLICIES.length);
    for (const p of BUILTIN_POLICIES) expect(policyPalette([p.name, "random"]).colours[policyPalette([p.name, "random"]).names.indexOf(p.name)]).toBe(p.colour);
    const palette = policyPalette(["mine", "neural-network"]);
    expect(palette.names).toEqual(["neural-network", "mine"]);
    expect(colours.has(palette.colours[1]!)).toBe(false);
    expect(policyPalette(["almutairi"]).labels).toEqual(["almutairi (reconstruction)"]);
  });
});
