// Reading a file the user named (scenario, sweep spec, EdgeCloudSim configuration, model sidecar):
// every way it can fail to be a text file becomes an InputError that names the path, the problem
// and the fix, instead of an EISDIR or a parse error about an invisible character.
// Policy (docs/limits.md, "Files"): a UTF-8 byte-order mark is accepted and stripped (editors on
// Windows write one, and it carries no meaning in UTF-8); UTF-16 and other encodings are refused.
import { readFileSync, statSync } from "node:fs";
import { InputError } from "./errors.ts";
import { findJsonSyntaxError } from "./json-error.ts";

/** Where the path came from, for the message: a flag ("--scenario") or a description ("sidecar"). */
export interface FileOrigin {
  /** The flag or JSON path that named the file. @default "file" */
  from?: string;
  /** What the file should be, e.g. "a scenario JSON file". @default "a text file" */
  kind?: string;
}

/** The text of a UTF-8 file (BOM stripped), or an InputError naming the path and the problem. */
export function readTextFile(path: string, origin: FileOrigin = {}): string {
  const from = origin.from ?? "file";
  const kind = origin.kind ?? "a text file";
  const refuse = (message: string, fix: string): never => {
    throw new InputError(path, [{ path: from, value: path, message, fix }]);
  };
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) refuse("is a directory, not a file", `give the path of ${kind} inside it`);
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") refuse("no such file", `check the path; give ${kind}`);
    if (code === "EACCES" || code === "EPERM") refuse("cannot be read (permission denied)", `make it readable (chmod u+r ${path}) or copy it somewhere readable`);
    if (code === "EISDIR") refuse("is a directory, not a file", `give the path of ${kind} inside it`);
    refuse(`cannot be read (${code ?? String(e)})`, `give ${kind} that can be read`);
  }
  return decodeUtf8(bytes!, path, from, kind);
}

/** Bytes as UTF-8 text; refuses empty files, UTF-16 and bytes that are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array, path: string, from = "file", kind = "a text file"): string {
  const refuse = (message: string, fix: string): never => {
    throw new InputError(path, [{ path: from, value: path, message, fix }]);
  };
  if (bytes.length === 0) refuse("is empty", `give ${kind}; this one has no content (an interrupted write?)`);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    refuse("is UTF-16 text (byte-order mark FF FE / FE FF)", "save it as UTF-8");
  }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
    if (start === 3 && text.length === 0) refuse("is empty (only a byte-order mark)", `give ${kind}`);
    return text;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const bad = firstInvalidUtf8(bytes, start);
    const line = 1 + bytes.subarray(0, bad).filter((b) => b === 0x0a).length;
    const byte = bytes[bad] ?? 0;
    return refuse(
      `is not UTF-8 text (byte 0x${byte.toString(16).padStart(2, "0")} at offset ${bad}, line ${line})`,
      `save it as UTF-8 (or check that it is ${kind} at all)`,
    );
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array, from: number): number {
  let i = from;
  while (i < b.length) {
    const c = b[i]!;
    const len = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > b.length) return i;
    for (let k = 1; k < len; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += len;
  }
  return Math.min(i, b.length - 1);
}

/** JSON.parse with a syntax error turned into a problem at its line and column (same on Node 20 and 22). */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const found = findJsonSyntaxError(text);
    const where = found ? `line ${found.line}, column ${found.column}` : "(file)";
    const message = found ? found.message : err instanceof Error ? err.message.slice(0, 200) : String(err);
    // The value shown is the offending line (cut short by the formatter), so the place is visible.
    const line = found ? text.split("\n")[found.line - 1]!.trim() : undefined;
    throw new InputError(source, [{ path: where, value: line, message: `not valid JSON: ${message}`, fix: "fix the JSON syntax at that position (a missing comma or quote?)" }]);
  }
}

/** readTextFile + parseJsonText. */
export function readJsonFile(path: string, origin: FileOrigin = {}): unknown {
  return parseJsonText(readTextFile(path, origin), path);
}
