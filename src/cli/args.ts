// Command-line parsing shared by every command (run, sweep, merge, report, train, validate,
// import-edgecloudsim, schema, policies). Our own small scanner rather than node's parseArgs, whose
// strict mode refuses `--devices -5` with a multi-line "argument is ambiguous" text and knows no
// "did you mean". Every problem is collected, so one run lists them all; each names the flag, the
// value found and the fix.
import { didYouMean, InputError, type Problem } from "../scenario/errors.ts";

export interface FlagSpec {
  type: "string" | "boolean";
  /** A string flag that may be repeated (collected into an array). */
  multiple?: boolean;
}
type Options = Record<string, FlagSpec>;

/** Parsed flags: a string (or string[] when `multiple`) per string option, booleans, and `help`. */
export type ParsedFlags<T extends Options> = {
  [K in keyof T]?: T[K] extends { type: "boolean" } ? boolean : T[K] extends { multiple: true } ? string[] : string;
} & { help?: boolean };

export interface ScannedArgs<T extends Options> {
  values: ParsedFlags<T>;
  positionals: string[];
  problems: Problem[];
}

/** A word that is a flag, not a value: `--x` or `-x` (but `-5`, `-0.5`, `-` are values). */
function looksLikeFlag(arg: string): boolean {
  return /^--?[A-Za-z]/.test(arg);
}

/**
 * Scan argv against the command's flags; problems are returned, not thrown (sweep adds its own
 * value checks to the same list). `-h`/`--help` is always accepted.
 */
export function scanArgs<const T extends Options>(command: string, argv: readonly string[], options: T, allowPositionals = false): ScannedArgs<T> {
  const values: Record<string, string | string[] | boolean> = {};
  const positionals: string[] = [];
  const problems: Problem[] = [];
  const names = [...Object.keys(options), "help"];
  const help = `see mecbench ${command} --help`;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      if (!allowPositionals && i + 1 < argv.length) problems.push({ path: argv[i + 1]!, value: argv.slice(i + 1).join(" "), message: "unexpected argument", fix: help });
      break;
    }
    if (arg === "-h" || arg === "--help") {
      values.help = true;
      continue;
    }
    if (!looksLikeFlag(arg)) {
      if (allowPositionals) positionals.push(arg);
      else problems.push({ path: arg, value: arg, message: "unexpected argument (not a flag, and this command takes no positional arguments)", fix: help });
      continue;
    }
    const m = /^--?([^=]*)(?:=(.*))?$/s.exec(arg)!;
    const name = m[1]!;
    const inline = m[2];
    const spec = arg.startsWith("--") ? options[name] : undefined;
    if (!spec) {
      const guess = didYouMean(name, names);
      // A misspelt flag most likely carries a value: skip it too, so it is not reported again.
      if (inline === undefined && argv[i + 1] !== undefined && !looksLikeFlag(argv[i + 1]!)) i++;
      problems.push({
        path: arg.split("=")[0]!,
        value: arg,
        message: `unknown flag${guess ? ` (did you mean --${guess}?)` : ""}`,
        fix: guess ? `use --${guess}` : `${help} (flags: ${names.map((n) => `--${n}`).join(", ")})`,
      });
      continue;
    }
    if (spec.type === "boolean") {
      if (inline !== undefined) problems.push({ path: `--${name}`, value: inline, message: "takes no value", fix: `write --${name} alone` });
      else values[name] = true;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (looksLikeFlag(next) && !/^-\d/.test(next))) {
        problems.push({ path: `--${name}`, message: "needs a value", fix: `write --${name} <value> (${help})` });
        continue;
      }
      value = next;
      i++;
    }
    if (spec.multiple) ((values[name] ??= []) as string[]).push(value);
    else if (values[name] !== undefined) {
      problems.push({ path: `--${name}`, value: `${String(values[name])} and ${value}`, message: "given twice", fix: `give --${name} once` });
    } else values[name] = value;
  }
  return { values: values as ParsedFlags<T>, positionals, problems };
}

/** scanArgs, throwing every problem at once as an InputError. */
export function parseCommandArgs<const T extends Options>(
  command: string,
  argv: readonly string[],
  options: T,
  allowPositionals = false,
): { values: ParsedFlags<T>; positionals: string[] } {
  const { values, positionals, problems } = scanArgs(command, argv, options, allowPositionals);
  if (problems.length > 0) throw new InputError(`mecbench ${command}`, problems);
  return { values, positionals };
}

/**
 * Integers are exact in a double only up to 2^53 − 1; a larger seed would silently become another
 * seed, so integer flags (seeds included) are refused above it rather than rounded.
 */
export const MAX_EXACT_INTEGER = Number.MAX_SAFE_INTEGER;

// Decimal numbers only: "0x10", "1_000" or "" are typos more often than intent.
const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

export interface NumberRule {
  integer?: boolean;
  min?: number;
  exclusiveMin?: boolean;
}

/** What a number flag must be, in words: "an integer ≥ 1", "a number > 0". */
export function describeNumber(rule: NumberRule): string {
  const bound = rule.min !== undefined ? ` ${rule.exclusiveMin ? ">" : "≥"} ${rule.min}` : "";
  return `${rule.integer ? "an integer" : "a number"}${bound}`;
}

/** The problem with a number flag's text, or undefined when it meets the rule. */
export function numberProblem(flag: string, raw: string, rule: NumberRule): Problem | undefined {
  const value = DECIMAL.test(raw) ? Number(raw) : NaN;
  const kind = describeNumber(rule);
  if (!Number.isFinite(value) || (rule.integer && !Number.isInteger(value))) {
    return { path: flag, value: raw, message: `not ${kind}`, fix: `give ${flag} ${kind}` };
  }
  if (rule.min !== undefined && (rule.exclusiveMin ? value <= rule.min : value < rule.min)) {
    return { path: flag, value: raw, message: `not ${kind}`, fix: `give ${flag} ${kind}` };
  }
  if (rule.integer && value > MAX_EXACT_INTEGER) {
    return {
      path: flag,
      value: raw,
      message: `above 2^53 − 1 = ${MAX_EXACT_INTEGER}, where integers stop being exact (it would be silently rounded)`,
      fix: `give ${flag} an integer ≤ ${MAX_EXACT_INTEGER}`,
    };
  }
  return undefined;
}

/** A flag that must be a number (optionally an integer, optionally bounded below). */
export function numberFlag(command: string, flag: string, raw: string | undefined, rule: NumberRule = {}): number | undefined {
  if (raw === undefined) return undefined;
  const problem = numberProblem(`--${flag}`, raw, rule);
  if (problem) throw new InputError(`mecbench ${command}`, [problem]);
  return Number(raw);
}

/** Parse repeated `--option key=value` flags (values parsed as JSON when possible). */
export function keyValueFlags(command: string, raw: string[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of raw ?? []) {
    const eq = item.indexOf("=");
    if (eq <= 0) {
      throw new InputError(`mecbench ${command}`, [{ path: "--option", value: item, message: "not of the form key=value", fix: "write --option name=value, e.g. --option thresholdPct=70" }]);
    }
    const text = item.slice(eq + 1);
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      // a bare string
    }
    out[item.slice(0, eq)] = value;
  }
  return out;
}
