// A sweep as data: the JSON file schema, and the resolution of file + flags into a ResolvedSweep
// with defaults applied, names checked against the policy registry, and the sweep hash fixed.
// Every problem names where it came from: a JSON path of the file, or the flag that set it.
import { dirname, isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { deriveSeed } from "../kernel/random.ts";
import { VERSION } from "../engine/run.ts";
import { nativePolicy } from "../engine/wasm/policies.ts";
import { policyOptionsProblems } from "../policies/options.ts";
import { createRegistry, type PolicyRegistry } from "../policies/registry.ts";
import type { PolicyModuleRef } from "../policies/user-modules.ts";
import { didYouMean, InputError, type Problem } from "../scenario/errors.ts";
import { parseJsonText, readTextFile } from "../scenario/input-file.ts";
import { runLimitProblems, sweepLimitProblems } from "../scenario/limits.ts";
import { loadScenario, presetNames } from "../scenario/load.ts";
import { runWindowProblems } from "../scenario/run-window.ts";
import type { Scenario } from "../scenario/schema.ts";
import { hashJson, resolveScenario, schemaProblems, type ResolvedScenario } from "../scenario/validate.ts";
import { parsePolicyVariant } from "./policy-variant.ts";
import type { ResolvedSweep } from "./types.ts";

const positiveInt = () => z.number().int().min(1);

/** The --spec file. Every field is optional here because flags may supply or override it. */
export const sweepSpecSchema = z.strictObject({
  $schema: z.string().optional(),
  /** Preset name or scenario file (relative paths are relative to the spec file). */
  scenario: z.string().min(1).optional(),
  /** @default every registered policy. A name with options, e.g. "neural-network[labels=outcome]", is its own line. */
  policies: z.array(z.string().min(1)).min(1).optional(),
  /** @default the scenario's deviceCounts */
  devices: z.array(positiveInt()).min(1).optional(),
  /** @default 3 */
  replicas: positiveInt().optional(),
  /** @default the scenario's simulation.durationS */
  durationS: z.number().positive().optional(),
  /** @default the scenario's simulation.warmupS; must be below durationS */
  warmupS: z.number().min(0).optional(),
  /** @default 1 */
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  /** @default "utilization-based" when it is among the policies, else none */
  reference: z.string().min(1).optional(),
  /**
   * Policy options merged over the scenario's policyOptions (per policy, per option); they become
   * part of the resolved scenario, so of its hash and the sweep hash. @default none
   */
  policyOptions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  /**
   * The user's policy modules (.ts or .js files exporting policy descriptors; relative paths are
   * relative to the spec file). Their content hashes are part of the sweep hash. @default none
   */
  policyModules: z.array(z.string().min(1)).optional(),
});

export type SweepInput = Omit<z.infer<typeof sweepSpecSchema>, "$schema">;
type Field = keyof SweepInput;

/** Where each field was set: a flag ("--devices") or a file and JSON path ("sweep.json: devices"). */
export type FieldOrigin = Partial<Record<Field, string>>;

export const DEFAULT_REPLICAS = 3;
export const DEFAULT_SEED = 1;
export const DEFAULT_REFERENCE = "utilization-based";

/** Read and schema-check a --spec file; problems carry the file's JSON paths. */
export function readSweepSpec(path: string): { input: SweepInput; origin: FieldOrigin } {
  const data = parseJsonText(readTextFile(path, { from: "--spec", kind: "a sweep JSON file" }), path);
  const problems = schemaProblems(sweepSpecSchema, data);
  if (problems.length > 0) throw new InputError(path, problems);
  const { $schema: _ignored, ...input } = sweepSpecSchema.parse(data);
  // A scenario file named in the spec is found next to the spec, wherever the command runs.
  if (input.scenario !== undefined && !isPreset(input.scenario) && !isAbsolute(input.scenario)) {
    input.scenario = resolve(dirname(path), input.scenario);
  }
  if (input.policyModules !== undefined) input.policyModules = input.policyModules.map((m) => resolve(dirname(path), m));
  const origin: FieldOrigin = {};
  for (const key of Object.keys(input) as Field[]) origin[key] = `${path}: ${key}`;
  return { input, origin };
}

function isPreset(name: string): boolean {
  return (presetNames() as readonly string[]).includes(name);
}

export interface ResolveOptions {
  /** Registered policy names. @default createRegistry().names() */
  policyNames?: readonly string[];
  /** mecbench version stamped into the hash. @default VERSION */
  version?: string;
  /** The policies to check names and options against (the built-ins plus the user's modules). @default createRegistry() */
  registry?: PolicyRegistry;
  /** The user's policy modules the registry holds (path and content hash; part of the sweep hash). @default none */
  policyModules?: readonly PolicyModuleRef[];
}

/** Apply defaults, check names and cross-field rules, load the scenario, and fix the sweep hash. */
export function resolveSweep(input: SweepInput, origin: FieldOrigin = {}, options: ResolveOptions = {}): ResolvedSweep {
  // A flag names the whole field; a file gets the JSON path down to the element.
  const where = (field: Field, suffix = "") => {
    const at = origin[field] ?? `--${flagName(field)}`;
    return at.startsWith("--") ? at : `${at}${suffix}`;
  };
  // Same schema as the file, so programmatic callers and flags get the same checks; paths are
  // re-rooted at the origin of each field (a flag, or the file's JSON path).
  const problems: Problem[] = schemaProblems(sweepSpecSchema, input).map((p) => {
    const [head, ...rest] = p.path.split(/(?=[.[])/);
    return head && head in input ? { ...p, path: where(head as Field, rest.join("")) } : p;
  });
  if (input.scenario === undefined) {
    problems.push({ path: "--scenario", message: "no scenario given", fix: "pass --scenario <preset|file> or set \"scenario\" in the --spec file" });
  }
  if (problems.length > 0) throw new InputError("sweep", problems);

  const registry = options.registry ?? createRegistry();
  const registered = options.policyNames ?? registry.names();
  const builtins = registry.list();
  // A name given in policyNames but not built in is only named (its options cannot be checked).
  const known = registered.map((name) => builtins.find((d) => d.name === name) ?? { name, description: "" });
  if (input.policyOptions !== undefined) {
    for (const p of policyOptionsProblems(input.policyOptions, known)) problems.push({ ...p, path: where("policyOptions", p.path.slice("policyOptions".length)) });
    if (problems.length > 0) throw new InputError("sweep", problems);
  }
  const resolved = withPolicyOptions(loadScenarioAt(input.scenario!, where("scenario")), input.policyOptions, where("policyOptions"));
  const s = resolved.scenario;
  const policies = input.policies ?? [...registered];
  const devices = input.devices ?? [...s.deviceCounts];
  const replicas = input.replicas ?? DEFAULT_REPLICAS;
  const durationS = input.durationS ?? s.simulation.durationS;
  const warmupS = input.warmupS ?? s.simulation.warmupS;
  const seed = input.seed ?? DEFAULT_SEED;
  // Before any unit runs (and any file is written): the scenario's policyOptions name registered
  // policies and fit their schemas.
  const optionProblems = policyOptionsProblems(s.policyOptions, known);
  if (optionProblems.length > 0) throw new InputError(input.scenario!, optionProblems);

  policies.forEach((id, i) => {
    const path = where("policies", `[${i}]`);
    const variant = parsePolicyVariant(id);
    if ("error" in variant) {
      problems.push({ path, value: id, message: variant.error, fix: "write a policy name, or a name with options, e.g. neural-network[labels=outcome]" });
      return;
    }
    const name = variant.name;
    if (!registered.includes(name)) {
      const guess = didYouMean(name, registered);
      problems.push({
        path,
        value: id,
        message: `unknown policy${guess ? ` (did you mean "${guess}"?)` : ""}`,
        fix: `use registered policies: ${registered.join(", ")}`,
      });
    } else {
      // Options (and what they need: neural-network's model set) are checked now, as `run` checks
      // them, not once per unit at run time.
      problems.push(...variantOptionProblems(registry, name, variant.options, s, path));
    }
    if (registered.includes(name) && policies.indexOf(id) !== i) {
      problems.push({ path, value: id, message: "policy listed twice", fix: "list each policy once" });
    }
  });
  devices.forEach((n, i) => {
    if (devices.indexOf(n) !== i) {
      const path = where("devices", `[${i}]`);
      problems.push({ path, value: n, message: "device count listed twice", fix: "list each sweep point once" });
    }
  });
  problems.push(...runWindowProblems(s, { durationS, warmupS }, {
    durationS: where("durationS"), warmupS: where("warmupS"), scenario: where("scenario"), warmupGiven: input.warmupS !== undefined,
  }));
  let reference: string | null = policies.includes(DEFAULT_REFERENCE) ? DEFAULT_REFERENCE : null;
  if (input.reference !== undefined) {
    reference = input.reference;
    if (!policies.includes(reference)) {
      const guess = didYouMean(reference, policies);
      problems.push({
        path: where("reference"),
        value: reference,
        message: `the reference is not among the swept policies${guess ? ` (did you mean "${guess}"?)` : ""}`,
        fix: `use one of: ${policies.join(", ")}`,
      });
    }
  }
  // Limits before anything is expanded, run or written (docs/limits.md).
  const units = devices.length * replicas * policies.length;
  problems.push(...sweepLimitProblems(devices.length, units, { devices: where("devices"), units: input.replicas !== undefined ? where("replicas") : where("devices") }));
  const largest = devices.reduce((a, b) => Math.max(a, b), 0);
  problems.push(...runLimitProblems(s, largest, durationS, {
    devices: where("devices", `[${devices.indexOf(largest)}]`),
    durationS: input.durationS !== undefined ? where("durationS") : "simulation.durationS",
  }));
  if (problems.length > 0) throw new InputError("sweep", problems);

  const version = options.version ?? VERSION;
  const seeds = Array.from({ length: replicas }, (_, i) => deriveSeed(seed, "replica", i));
  const policyModules = options.policyModules && options.policyModules.length > 0 ? options.policyModules.map(({ path, sha256 }) => ({ path, sha256 })) : undefined;
  const hash = sweepHashOf({ scenarioHash: resolved.hash, policies, devices, replicas, durationS, warmupS, seed, version, policyModules });
  return {
    scenario: input.scenario!,
    policies,
    devices,
    replicas,
    durationS,
    warmupS,
    seed,
    reference,
    resolved,
    scenarioName: s.name,
    seeds,
    version,
    hash,
    ...(policyModules ? { policyModules } : {}),
  };
}

/** The sweep hash: everything that determines the rows, and nothing that does not (workers, shard, reference). */
export function sweepHashOf(parts: {
  scenarioHash: string;
  policies: readonly string[];
  devices: readonly number[];
  replicas: number;
  durationS: number;
  warmupS: number;
  seed: number;
  version: string;
  /** The user's policy modules (absent when none, so sweeps without them keep their hashes). */
  policyModules?: readonly PolicyModuleRef[] | undefined;
}): string {
  const { scenarioHash, policies, devices, replicas, durationS, warmupS, seed, version, policyModules } = parts;
  return hashJson({ scenarioHash, policies, devices, replicas, durationS, warmupS, seed, version, policyModules });
}

/**
 * The scenario with the sweep's policy options merged over its own (a new resolved scenario, so a
 * new hash); the scenario itself when there are none. `origin` names where they were given.
 */
function withPolicyOptions(resolved: ResolvedScenario, extra: SweepInput["policyOptions"], origin: string): ResolvedScenario {
  if (extra === undefined || Object.keys(extra).length === 0) return resolved;
  const merged: Record<string, Record<string, unknown>> = { ...resolved.scenario.policyOptions };
  for (const [name, values] of Object.entries(extra)) merged[name] = { ...(merged[name] ?? {}), ...values };
  return resolveScenario({ ...resolved.scenario, policyOptions: merged }, origin);
}

/** loadScenario, with its "--scenario" problems re-pointed at where the scenario was given. */
function loadScenarioAt(nameOrPath: string, origin: string) {
  try {
    return loadScenario(nameOrPath);
  } catch (err) {
    if (err instanceof InputError && origin !== "--scenario" && err.problems.every((p) => p.path === "--scenario")) {
      throw new InputError("sweep", err.problems.map((p) => ({ ...p, path: origin })));
    }
    throw err;
  }
}

/** durationS -> duration-s: the flag that sets a spec field. */
export function flagName(field: Field): string {
  return field.replace(/S$/, "-s").replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The problems a built-in policy finds in a variant's options (merged over the scenario's), re-rooted at `path`. */
function variantOptionProblems(registry: PolicyRegistry, name: string, options: Record<string, unknown>, s: Scenario, path: string): Problem[] {
  if (!registry.names().includes(name)) return [];
  try {
    nativePolicy(registry.get(name), { ...(s.policyOptions[name] ?? {}), ...options }, s);
    return [];
  } catch (err) {
    if (err instanceof InputError) return err.problems.map((p) => ({ ...p, path: `${path}: ${p.path}` }));
    throw err;
  }
}
