// Rule-base file format and its validation. Structure is checked with zod; the cross-references zod cannot see
// (rule terms exist, points sorted, no duplicate rules, decision fits the defuzzifier) are checked afterwards.
// Every problem is reported with its JSON path, the offending value and how to fix it, all at once, so a
// hand-edited table can be repaired in one pass.
import { z } from "zod";
import { didYouMean, InputError, type Problem } from "../../scenario/errors.ts";
import { schemaProblems } from "../../scenario/validate.ts";

const point = z.tuple([z.number().finite(), z.number().finite().min(0).max(1)]);
const termSet = z.record(z.string().min(1), z.array(point).min(2));
const range = z.tuple([z.number().finite(), z.number().finite()]);
const defuzzifier = z.enum(["LM", "COG", "argmax"]);
const decision = z.strictObject({
  /** Ascending; class index = number of thresholds strictly below the crisp output. Empty for argmax. */
  thresholds: z.array(z.number().finite()),
  /** One more than thresholds for LM/COG; one per output term (same order) for argmax. */
  classes: z.array(z.string().min(1)).min(1),
  /** Human-readable statement of the decision rule. */
  rule: z.string().optional(),
});
const variable = z.strictObject({
  name: z.string().min(1),
  unit: z.string(),
  description: z.string().optional(),
  /** Informational domain; every breakpoint must lie inside it. For the output it must equal the points' span. */
  range,
  terms: termSet,
});
const variant = z.strictObject({
  description: z.string(),
  defuzzifier,
  default: z.number().finite(),
  decision,
});

export const ruleBaseSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string(),
  /** Provenance: where the tables come from. */
  source: z.string().min(1),
  /** true when the table is our design rather than a transcription of published source. */
  reconstruction: z.boolean(),
  inputs: z.array(variable).min(1),
  output: variable,
  defuzzifier,
  default: z.number().finite(),
  decision,
  /** Expected number of rules; guards hand transcription. */
  ruleCount: z.number().int().nonnegative(),
  rules: z.array(z.strictObject({ if: z.record(z.string(), z.string()), then: z.string() })),
  /** Named alternatives sharing the rules and terms (e.g. "cog"), selected at load time. */
  variants: z.record(z.string().min(1), variant).optional(),
});

export type RuleBase = z.infer<typeof ruleBaseSchema>;

/** Validate parsed JSON; throws an InputError listing every problem (path, value, fix), as for scenarios. */
export function validateRuleBase(raw: unknown, origin = "<input>"): RuleBase {
  const structural = schemaProblems(ruleBaseSchema, raw);
  if (structural.length > 0) throw new InputError(`fuzzy rule base ${origin}`, structural);
  const rb = raw as RuleBase;
  const problems = semanticProblems(rb);
  if (problems.length > 0) throw new InputError(`fuzzy rule base ${origin}`, problems);
  return rb;
}

function semanticProblems(rb: RuleBase): Problem[] {
  const out: Problem[] = [];
  const add = (path: string, value: unknown, message: string, fix: string) => out.push({ path, value, message, fix });

  const inputNames = rb.inputs.map((v) => v.name);
  rb.inputs.forEach((v, i) => {
    const first = inputNames.indexOf(v.name);
    if (first !== i) add(`inputs[${i}].name`, v.name, `duplicate input "${v.name}" (also inputs[${first}])`, "rename one of them");
    checkVariable(v, `inputs[${i}]`, add);
  });
  checkVariable(rb.output, "output", add);
  const outTerms = Object.keys(rb.output.terms);
  const span = pointSpan(rb.output.terms);
  if (span && (rb.output.range[0] !== span[0] || rb.output.range[1] !== span[1]))
    add("output.range", rb.output.range, `must equal the span of the output terms' points [${span[0]}, ${span[1]}], because the sampled universe is derived from the points`, `set "range": [${span[0]}, ${span[1]}]`);

  checkDecision(rb.defuzzifier, rb.default, rb.decision, outTerms, "", add);
  for (const [name, v] of Object.entries(rb.variants ?? {}))
    checkDecision(v.defuzzifier, v.default, v.decision, outTerms, `variants.${name}.`, add);

  if (rb.rules.length !== rb.ruleCount)
    add("rules", `${rb.rules.length} rules`, `has ${rb.rules.length} rules but ruleCount says ${rb.ruleCount}`, "add/remove rules or correct ruleCount");

  const seen = new Map<string, number>();
  rb.rules.forEach((rule, r) => {
    const conds = Object.entries(rule.if);
    if (conds.length === 0) add(`rules[${r}].if`, rule.if, "rule has no condition", "name at least one input and term");
    for (const [input, term] of conds) {
      const v = rb.inputs.find((x) => x.name === input);
      if (!v) {
        add(`rules[${r}].if.${input}`, input, `unknown input "${input}"${suggest(input, inputNames)}`, `use one of the inputs: ${inputNames.join(", ")}`);
        continue;
      }
      const terms = Object.keys(v.terms);
      if (!terms.includes(term))
        add(`rules[${r}].if.${input}`, term, `unknown term "${term}"${suggest(term, terms)}`, `use one of the terms of input "${input}": ${terms.join(", ")}`);
    }
    if (!outTerms.includes(rule.then))
      add(`rules[${r}].then`, rule.then, `unknown output term "${rule.then}"${suggest(rule.then, outTerms)}`, `use one of the output terms: ${outTerms.join(", ")}`);
    // Same conditions regardless of key order: a second rule either repeats or contradicts the first.
    const key = inputNames.map((n) => `${n}=${rule.if[n] ?? "*"}`).join("&");
    const prev = seen.get(key);
    if (prev === undefined) seen.set(key, r);
    else {
      const same = rb.rules[prev]!.then === rule.then;
      add(`rules[${r}]`, rule, `duplicate of rules[${prev}] (same conditions, ${same ? "same" : `conflicting: "${rb.rules[prev]!.then}" vs "${rule.then}"`} conclusion)`, same ? `delete rules[${r}]` : "keep exactly one of the two rules");
    }
  });
  return out;
}

type Add = (path: string, value: unknown, message: string, fix: string) => void;

function checkVariable(v: RuleBase["output"], base: string, add: Add): void {
  const [lo, hi] = v.range;
  if (!(lo < hi)) add(`${base}.range`, v.range, "range must be [min, max] with min < max", "swap or widen the bounds");
  if (Object.keys(v.terms).length === 0) add(`${base}.terms`, v.terms, "no terms", "define at least one term");
  for (const [t, pts] of Object.entries(v.terms)) {
    pts.forEach(([x], i) => {
      const path = `${base}.terms.${t}[${i}][0]`;
      if (i > 0 && !(x > pts[i - 1]![0]))
        add(path, x, `points not sorted by x: ${x} does not exceed the previous x ${pts[i - 1]![0]}`, "list the points in strictly increasing x order");
      if (x < lo || x > hi) add(path, x, `x lies outside ${base}.range [${lo}, ${hi}]`, "widen the range or move the point");
    });
  }
}

function checkDecision(def: string, dflt: number, d: RuleBase["decision"], outTerms: readonly string[], base: string, add: Add): void {
  d.thresholds.forEach((t, i) => {
    if (i > 0 && !(t > d.thresholds[i - 1]!))
      add(`${base}decision.thresholds[${i}]`, t, "thresholds not strictly increasing", "sort the thresholds ascending");
  });
  if (def === "argmax") {
    if (d.thresholds.length > 0) add(`${base}decision.thresholds`, d.thresholds, "argmax takes no thresholds", 'use "thresholds": []');
    if (d.classes.length !== outTerms.length)
      add(`${base}decision.classes`, d.classes, `argmax needs one class per output term (${outTerms.length}: ${outTerms.join(", ")})`, "list one class per output term in the same order");
    if (!Number.isInteger(dflt) || dflt < 0 || dflt >= outTerms.length)
      add(`${base}default`, dflt, "for argmax the default is the index of an output term", `use an integer in [0, ${outTerms.length - 1}]`);
  } else if (d.classes.length !== d.thresholds.length + 1) {
    add(`${base}decision.classes`, d.classes, `${d.thresholds.length} threshold(s) split the output into ${d.thresholds.length + 1} classes, got ${d.classes.length}`, "make classes one longer than thresholds");
  }
}

function pointSpan(terms: RuleBase["output"]["terms"]): [number, number] | undefined {
  const xs = Object.values(terms).flatMap((pts) => pts.map(([x]) => x));
  return xs.length ? [Math.min(...xs), Math.max(...xs)] : undefined;
}

/** ` (did you mean "x"?)` when a candidate is a likely typo of the word, else "". */
function suggest(word: string, candidates: readonly string[]): string {
  const best = didYouMean(word, candidates);
  return best === undefined ? "" : ` (did you mean "${best}"?)`;
}
