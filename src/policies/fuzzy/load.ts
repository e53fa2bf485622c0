// Load a fuzzy rule base (JSON data under ./rules), validate it and compile it: each call returns a
// fresh compiled object (a worker loads once at start-up and keeps its own).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compileFis, type CompiledFis, type FisDef } from "./compile.ts";
import { InputError } from "../../scenario/errors.ts";
import { validateRuleBase, type RuleBase } from "./schema.ts";

export { validateRuleBase, type RuleBase } from "./schema.ts";

export const RULE_BASE_NAMES = ["flores", "sonmez-stage1", "sonmez-stage2", "almutairi", "almutairi-shifted"] as const;
export type RuleBaseName = (typeof RULE_BASE_NAMES)[number];

export interface LoadOptions {
  /** Name of an entry in the file's `variants` (e.g. "cog" for Almutairi); replaces defuzzifier, default and decision. */
  readonly variant?: string;
}

function isShippedName(s: string): s is RuleBaseName {
  return (RULE_BASE_NAMES as readonly string[]).includes(s);
}

/** Absolute path of a shipped rule base, or of a user path (relative paths resolve against the working directory). */
export function ruleBasePath(nameOrPath: RuleBaseName | (string & {})): string {
  return isShippedName(nameOrPath)
    ? fileURLToPath(new URL(`./rules/${nameOrPath}.json`, import.meta.url))
    : resolve(nameOrPath);
}

/** Read and validate a rule-base file without compiling it (for provenance, reports, tests). */
export function readRuleBase(nameOrPath: RuleBaseName | (string & {})): RuleBase {
  const file = ruleBasePath(nameOrPath);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(`fuzzy rule base ${file}`, [
      { path: "(file)", value: file, message: `cannot read: ${(e as Error).message}`, fix: `use one of ${RULE_BASE_NAMES.join(", ")} or an existing JSON file path` },
    ]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(`fuzzy rule base ${file}`, [{ path: "(file)", value: file, message: `not valid JSON: ${(e as Error).message}`, fix: "fix the JSON syntax" }]);
  }
  return validateRuleBase(raw, file);
}

/** Turn a validated rule base (optionally one of its variants) into the engine's definition. */
export function toFisDef(rb: RuleBase, options: LoadOptions = {}): FisDef {
  const base: FisDef = {
    name: rb.name,
    inputs: rb.inputs,
    output: rb.output,
    defuzzifier: rb.defuzzifier,
    default: rb.default,
    rules: rb.rules,
    decision: rb.decision,
  };
  if (options.variant === undefined) return base;
  const v = rb.variants?.[options.variant];
  if (!v) {
    const known = Object.keys(rb.variants ?? {});
    throw new InputError(`fuzzy rule base ${rb.name}`, [
      { path: "variants", value: options.variant, message: `no variant "${options.variant}"`, fix: known.length ? `use one of ${known.join(", ")}` : "this rule base has no variants" },
    ]);
  }
  return { ...base, name: `${rb.name}/${options.variant}`, defuzzifier: v.defuzzifier, default: v.default, decision: v.decision };
}

/** Load, validate and compile a shipped rule base by name, or any rule-base JSON by path. */
export function loadRuleBase(nameOrPath: RuleBaseName | (string & {}), options: LoadOptions = {}): CompiledFis {
  return compileFis(toFisDef(readRuleBase(nameOrPath), options));
}
