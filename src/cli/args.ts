// Command-line parsing shared by the commands: node's parseArgs, with its errors turned into
// InputErrors that name the flag, the value and the fix.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { InputError } from "../scenario/errors.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

const HELP_OPTION = { help: { type: "boolean", short: "h" } } as const;

/** Parsed flags: a string (or string[] when `multiple`) per string option, booleans, and `help`. */
export type ParsedFlags<T extends Options> = {
  [K in keyof T]?: T[K] extends { type: "boolean" } ? boolean : T[K] extends { multiple: true } ? string[] : string;
} & { help?: boolean };

export function parseCommandArgs<const T extends Options>(
  command: string,
  argv: string[],
  options: T,
  allowPositionals = false,
): { values: ParsedFlags<T>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: argv, options: { ...options, ...HELP_OPTION }, strict: true, allowPositionals });
    return { values: parsed.values as ParsedFlags<T>, positionals: parsed.positionals };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new InputError(`mecbench ${command}`, [
      { path: "arguments", value: argv.join(" "), message: message.replace(/\. To specify.*$/s, ""), fix: `see mecbench ${command} --help` },
    ]);
  }
}

/** A flag that must be a number (optionally an integer, optionally positive). */
export function numberFlag(
  command: string,
  flag: string,
  raw: string | undefined,
  opts: { integer?: boolean; min?: number; exclusiveMin?: boolean } = {},
): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  const bad =
    raw.trim() === "" ||
    !Number.isFinite(value) ||
    (opts.integer && !Number.isInteger(value)) ||
    (opts.min !== undefined && (opts.exclusiveMin ? value <= opts.min : value < opts.min));
  if (bad) {
    const kind = `${opts.integer ? "an integer" : "a number"}${opts.min !== undefined ? ` ${opts.exclusiveMin ? ">" : "≥"} ${opts.min}` : ""}`;
    throw new InputError(`mecbench ${command}`, [{ path: `--${flag}`, value: raw, message: `not ${kind}`, fix: `give --${flag} ${kind}` }]);
  }
  return value;
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
