// Collecting every problem of an import at once. A problem's path says where in which file:
// `file:line key` for properties, `file:line <application name="X">/<data_upload>` for XML.
// Unknown keys, elements and attributes are errors, or warnings with --lenient; everything else
// (missing, malformed, out of range) is always an error.
import { didYouMean, type Problem } from "../errors.ts";
import type { XmlElement } from "./xml.ts";

export class Diagnostics {
  readonly problems: Problem[] = [];
  readonly warnings: string[] = [];
  constructor(readonly lenient: boolean) {}

  error(problem: Problem): void {
    this.problems.push(problem);
  }

  warn(path: string, message: string): void {
    this.warnings.push(`${path}: ${message}`);
  }

  /** Something the importer does not know: EdgeCloudSim would silently ignore it, we refuse unless lenient. */
  unknown(problem: Problem): void {
    if (this.lenient) this.warn(problem.path, `${problem.message}; ignored (--lenient). ${problem.fix}`);
    else this.error(problem);
  }
}

/** A position for problem paths: file, element path, and (per problem) a line. */
export class Where {
  constructor(readonly file: string, readonly segments: readonly string[] = []) {}

  child(segment: string): Where {
    return new Where(this.file, [...this.segments, segment]);
  }

  at(line?: number): string {
    const file = line === undefined ? this.file : `${this.file}:${line}`;
    return this.segments.length > 0 ? `${file} ${this.segments.join("/")}` : file;
  }
}

export interface NumberRule {
  integer?: boolean;
  /** EdgeCloudSim reads the value with Integer.parseInt: a fraction or a value beyond 2^31-1 stops it. */
  javaInt?: boolean;
  min?: number;
  exclusiveMin?: boolean;
  max?: number;
  /** For messages, e.g. "KB", "min", "MIPS". */
  unit?: string;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;
const JAVA_INT_MAX = 2147483647;

export function describeRule(rule: NumberRule): string {
  const parts = [rule.integer ? "a whole number" : "a number"];
  if (rule.min !== undefined) parts.push(`${rule.exclusiveMin ? ">" : "≥"} ${rule.min}`);
  if (rule.max !== undefined) parts.push(`${rule.min !== undefined ? "and " : ""}≤ ${rule.max}`);
  if (rule.unit) parts.push(`(${rule.unit})`);
  return parts.join(" ");
}

/** Parse one numeric value; on failure record a problem at `path` and return undefined. */
export function parseNumber(d: Diagnostics, path: string, raw: string, rule: NumberRule): number | undefined {
  const expected = describeRule(rule);
  const text = raw.trim();
  if (text === "") {
    d.error({ path, value: raw, message: "empty value", fix: `give ${expected}` });
    return undefined;
  }
  if (!DECIMAL.test(text)) {
    d.error({ path, value: raw, message: "not a number", fix: `give ${expected}, written as plain decimal digits` });
    return undefined;
  }
  const value = Number(text);
  if (rule.integer && (!INTEGER.test(text) || (rule.javaInt && Math.abs(value) > JAVA_INT_MAX))) {
    const why = rule.javaInt ? " in Java's int range (EdgeCloudSim reads it with Integer.parseInt and would stop)" : "";
    d.error({ path, value: raw, message: `not a whole number${why}`, fix: `give ${expected}` });
    return undefined;
  }
  const low = rule.min !== undefined && (rule.exclusiveMin ? value <= rule.min : value < rule.min);
  const high = rule.max !== undefined && value > rule.max;
  if (!Number.isFinite(value) || low || high) {
    d.error({ path, value: raw, message: `out of range: must be ${expected}`, fix: `use ${expected}` });
    return undefined;
  }
  return value;
}

export interface ChildSpec {
  name: string;
  required: boolean;
  /** May appear more than once (e.g. <application>, <VM>). */
  multiple?: boolean;
}

/**
 * Check an element's children against what is allowed: unknown ones (with a "did you mean"),
 * missing required ones, repeats, and stray text. Returns the known children by name.
 */
export function readChildren(d: Diagnostics, el: XmlElement, where: Where, allowed: readonly ChildSpec[]): Map<string, XmlElement[]> {
  const byName = new Map<string, XmlElement[]>();
  const names = allowed.map((a) => a.name);
  for (const child of el.children) {
    const spec = allowed.find((a) => a.name === child.name);
    if (!spec) {
      const guess = didYouMean(child.name, names);
      d.unknown({
        path: where.child(`<${child.name}>`).at(child.line),
        value: child.name,
        message: `unknown element <${child.name}>${guess ? ` (did you mean <${guess}>?)` : ""}`,
        fix: guess ? `rename it to <${guess}>` : `remove it; known elements here: ${names.map((n) => `<${n}>`).join(", ")}`,
      });
      continue;
    }
    const list = byName.get(child.name) ?? [];
    if (list.length > 0 && !spec.multiple) {
      d.error({
        path: where.child(`<${child.name}>`).at(child.line),
        value: child.name,
        message: `<${child.name}> appears more than once (first at line ${list[0]!.line})`,
        fix: "keep one of them",
      });
      continue;
    }
    list.push(child);
    byName.set(child.name, list);
  }
  for (const spec of allowed) {
    if (spec.required && !byName.has(spec.name)) {
      d.error({ path: where.child(`<${spec.name}>`).at(el.line), message: `missing required element <${spec.name}>`, fix: `add <${spec.name}> inside <${el.name}>` });
    }
  }
  if (el.text.trim() !== "") {
    d.error({ path: where.at(el.line), value: el.text.trim(), message: `unexpected text inside <${el.name}>`, fix: "delete the text (only elements belong here)" });
  }
  return byName;
}

/** Check an element's attributes; returns the known ones. */
export function readAttributes(d: Diagnostics, el: XmlElement, where: Where, allowed: readonly { name: string; required: boolean }[]): Map<string, string> {
  const out = new Map<string, string>();
  const names = allowed.map((a) => a.name);
  for (const [name, value] of Object.entries(el.attributes)) {
    if (!names.includes(name)) {
      const guess = didYouMean(name, names);
      d.unknown({
        path: where.at(el.line),
        value: `${name}="${value}"`,
        message: `unknown attribute ${name}${guess ? ` (did you mean ${guess}?)` : ""}`,
        fix: guess ? `rename it to ${guess}` : names.length > 0 ? `remove it; known attributes: ${names.join(", ")}` : "remove it",
      });
      continue;
    }
    out.set(name, value);
  }
  for (const spec of allowed) {
    const value = out.get(spec.name);
    if (spec.required && (value === undefined || value.trim() === "")) {
      d.error({
        path: where.at(el.line),
        value,
        message: `missing required attribute ${spec.name} (EdgeCloudSim stops without it)`,
        fix: `add ${spec.name}="..." to <${el.name}>`,
      });
    }
  }
  return out;
}

/** The number inside a leaf element such as <data_upload>1500</data_upload>. */
export function readLeafNumber(d: Diagnostics, el: XmlElement, where: Where, rule: NumberRule): number | undefined {
  const path = where.at(el.line);
  readAttributes(d, el, where, []);
  if (el.children.length > 0) {
    d.error({ path, value: `<${el.children[0]!.name}>`, message: `<${el.name}> holds a value, not elements`, fix: `write the value directly: <${el.name}>...</${el.name}>` });
    return undefined;
  }
  return parseNumber(d, path, el.text, rule);
}
