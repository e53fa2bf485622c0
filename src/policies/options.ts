// Policy options, checked against the policy's schema wherever they come from: `--option k=v` on
// the command line (strings, coerced to the field's type first), `policyOptions.<policy>` in a
// scenario, or RunOptions.policyOptions. An unknown option gets "did you mean", a wrong value names
// the option, the value found and the fix; defaults come from the schema only.
import { z } from "zod";
import { didYouMean, InputError, type Problem } from "../scenario/errors.ts";
import type { PolicyDescriptor, PolicyOptionsSchema } from "./types.ts";

type Values = Readonly<Record<string, unknown>>;

/** One set of options and where it came from: `at(key)` is the path a problem with that key names. */
export interface OptionLayer {
  readonly values: Values;
  readonly at: (key: string) => string;
}

/** One option as documentation shows it. */
export interface OptionField {
  readonly key: string;
  /** What it accepts, e.g. "a number from 0 to 100" or "one of: base, shifted, cog". */
  readonly form: string;
  /** Its default (undefined when it has none: the option is then optional and absent by default). */
  readonly defaultValue: unknown;
  readonly description: string | undefined;
  /** A value to show in examples and fixes. */
  readonly example: unknown;
}

function unwrap(field: z.ZodType): z.ZodType {
  let s = field;
  while (s instanceof z.ZodDefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
  return s;
}

function defaultOf(field: z.ZodType): unknown {
  let s = field;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
  return s instanceof z.ZodDefault ? (s.def.defaultValue as unknown) : undefined;
}

function metaOf(field: z.ZodType): { description?: string; examples?: unknown[] } {
  return (field.meta() ?? unwrap(field).meta() ?? {}) as { description?: string; examples?: unknown[] };
}

const bounded = (x: number | null | undefined): x is number => typeof x === "number" && Math.abs(x) < Number.MAX_SAFE_INTEGER;

/** What a field accepts, in words. */
export function fieldForm(field: z.ZodType): string {
  const s = unwrap(field);
  if (s instanceof z.ZodNumber) {
    const kind = s.isInt ? "a whole number" : "a number";
    const lo = s.minValue, hi = s.maxValue;
    if (bounded(lo) && bounded(hi)) return `${kind} from ${lo} to ${hi}`;
    if (bounded(lo)) return `${kind} ≥ ${lo}`;
    if (bounded(hi)) return `${kind} ≤ ${hi}`;
    return kind;
  }
  if (s instanceof z.ZodBoolean) return "true or false";
  if (s instanceof z.ZodEnum) return `one of: ${(s.options as readonly unknown[]).join(", ")}`;
  if (s instanceof z.ZodString) return (s.minLength ?? 0) > 0 ? "a non-empty string" : "a string";
  return "a value of the documented form";
}

/** The options of a schema in declaration order, as `mecbench policies` and the docs show them. */
export function optionFields(schema: PolicyOptionsSchema): OptionField[] {
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([key, field]) => {
    const meta = metaOf(field);
    const defaultValue = defaultOf(field);
    const inner = unwrap(field);
    const example = meta.examples?.[0] ?? defaultValue ?? (inner instanceof z.ZodEnum ? (inner.options as unknown[])[0] : undefined);
    return { key, form: fieldForm(field), defaultValue, description: meta.description, example };
  });
}

/** Problems of one layer of options against the policy's schema (none without a schema). */
export function optionProblems(policy: PolicyDescriptor, layer: OptionLayer): Problem[] {
  const schema = policy.options;
  if (schema === undefined) return [];
  // Every layer alone may omit options (defaults fill them in after merging).
  const result = schema.partial().safeParse(layer.values);
  if (result.success) return [];
  const shape = schema.shape as Record<string, z.ZodType>;
  const known = Object.keys(shape);
  const problems: Problem[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const guess = didYouMean(key, known);
        const accepts = known.length > 0 ? `${policy.name} accepts: ${known.join(", ")}` : `${policy.name} takes no options`;
        problems.push({
          path: layer.at(key),
          value: layer.values[key],
          message: `unknown option${guess ? ` (did you mean "${guess}"?)` : ""}`,
          fix: guess ? `rename it to ${guess} (${accepts})` : `remove it (${accepts})`,
        });
      }
      continue;
    }
    const key = String(issue.path[0] ?? "");
    const field = shape[key];
    if (field === undefined) {
      problems.push({ path: layer.at(key), value: layer.values[key], message: issue.message, fix: `see mecbench policies for ${policy.name}'s options` });
      continue;
    }
    const inner = unwrap(field);
    if (inner instanceof z.ZodEnum) {
      const allowed = (inner.options as readonly unknown[]).map(String);
      const value = layer.values[key];
      const guess = typeof value === "string" ? didYouMean(value, allowed) : undefined;
      problems.push({
        path: layer.at(key), value,
        message: `not an allowed value${guess ? ` (did you mean "${guess}"?)` : ""}`,
        fix: `use one of: ${allowed.join(", ")}`,
      });
      continue;
    }
    const form = fieldForm(field);
    const example = optionFields(schema).find((f) => f.key === key)?.example;
    problems.push({
      path: layer.at(key),
      value: layer.values[key],
      message: `not ${form}`,
      fix: `give ${key} ${form}${example === undefined ? "" : `, e.g. ${key}=${String(example)}`}`,
    });
  }
  return problems;
}

/**
 * The options a policy runs with: each layer checked (every problem of every layer reported at
 * once), later layers overriding earlier ones, the schema's defaults applied. A policy without a
 * schema (a user's factory) gets the layers merged as given.
 */
export function resolvePolicyOptions(policy: PolicyDescriptor, layers: readonly OptionLayer[], source: string): Record<string, unknown> {
  const problems = layers.flatMap((layer) => optionProblems(policy, layer));
  if (problems.length > 0) throw new InputError(source, problems);
  const merged: Record<string, unknown> = Object.assign({}, ...layers.map((l) => l.values));
  const schema = policy.options;
  if (schema === undefined) return merged;
  const result = schema.safeParse(merged);
  if (result.success) return result.data as Record<string, unknown>;
  // Only an option required without a default can get here (every layer alone was fine).
  throw new InputError(source, result.error.issues.map((issue) => ({
    path: String(issue.path[0] ?? ""),
    message: "required option missing",
    fix: `give it (see mecbench policies for ${policy.name}'s options)`,
  })));
}

/**
 * `--option key=value` flags → typed options for the policy: each value coerced to its field's type
 * (numbers and booleans arrive as strings), then checked, naming the flag in every problem. A policy
 * without a schema gets JSON values where the text parses as JSON, strings otherwise.
 */
export function cliPolicyOptions(command: string, policy: PolicyDescriptor, items: readonly string[] | undefined): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const problems: Problem[] = [];
  for (const item of items ?? []) {
    const eq = item.indexOf("=");
    if (eq <= 0) {
      problems.push({ path: "--option", value: item, message: "not of the form key=value", fix: "write --option name=value, e.g. --option thresholdPct=70" });
      continue;
    }
    values[item.slice(0, eq)] = coerceOption(policy, item.slice(0, eq), item.slice(eq + 1));
  }
  problems.push(...optionProblems(policy, { values, at: (key) => `--option ${key}` }));
  if (problems.length > 0) throw new InputError(`mecbench ${command}`, problems);
  return values;
}

/**
 * `--option policy.key=value` flags (a sweep runs several policies) → options per policy, coerced
 * and checked like cliPolicyOptions'; problems are appended to `problems`.
 */
export function cliOptionsPerPolicy(
  policies: readonly PolicyDescriptor[], items: readonly string[], problems: Problem[],
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  const names = policies.map((p) => p.name);
  for (const item of items) {
    const m = /^([^.=]+)\.([^=]+)=(.*)$/s.exec(item);
    if (!m) {
      problems.push({ path: "--option", value: item, message: "not of the form policy.key=value", fix: "write e.g. --option utilization-based.thresholdPct=70" });
      continue;
    }
    const [, name, key, text] = m as unknown as [string, string, string, string];
    const policy = policies.find((p) => p.name === name);
    if (policy === undefined) {
      const guess = didYouMean(name, names);
      problems.push({
        path: `--option ${name}.${key}`, value: item,
        message: `names no registered policy${guess ? ` (did you mean "${guess}"?)` : ""}`,
        fix: guess ? `write --option ${guess}.${key}=${text}` : `use one of: ${names.join(", ")}`,
      });
      continue;
    }
    (out[name] ??= {})[key] = coerceOption(policy, key, text);
  }
  for (const [name, values] of Object.entries(out)) {
    problems.push(...optionProblems(policies.find((p) => p.name === name)!, { values, at: (key) => `--option ${name}.${key}` }));
  }
  return out;
}

function coerceOption(policy: PolicyDescriptor, key: string, text: string): unknown {
  const shape = (policy.options?.shape ?? {}) as Record<string, z.ZodType>;
  return coerce(policy.options === undefined ? undefined : (shape[key] ?? null), text);
}

/** A command-line value as its field wants it; left as text when it does not convert (the check then names it). */
function coerce(field: z.ZodType | null | undefined, text: string): unknown {
  if (field === undefined) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  const s = field === null ? undefined : unwrap(field);
  if (s instanceof z.ZodNumber) {
    const n = Number(text);
    return text.trim() !== "" && Number.isFinite(n) ? n : text;
  }
  if (s instanceof z.ZodBoolean) return text === "true" ? true : text === "false" ? false : text;
  return text;
}

/**
 * Problems of a scenario's `policyOptions`: a key naming no registered policy (with did-you-mean),
 * and every policy's options against its schema, each with its JSON path.
 */
export function policyOptionsProblems(policyOptions: Readonly<Record<string, Values>>, policies: readonly PolicyDescriptor[]): Problem[] {
  const names = policies.map((p) => p.name);
  const problems: Problem[] = [];
  for (const [name, values] of Object.entries(policyOptions)) {
    const policy = policies.find((p) => p.name === name);
    if (policy === undefined) {
      const guess = didYouMean(name, names);
      problems.push({
        path: `policyOptions.${name}`,
        value: values,
        message: `names no registered policy${guess ? ` (did you mean "${guess}"?)` : ""}`,
        fix: guess ? `rename it to "${guess}"` : `use one of: ${names.join(", ")}`,
      });
      continue;
    }
    problems.push(...optionProblems(policy, { values, at: (key) => `policyOptions.${name}.${key}` }));
  }
  return problems;
}
