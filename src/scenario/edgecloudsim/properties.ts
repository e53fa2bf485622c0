// Java `.properties` files as EdgeCloudSim reads them (java.util.Properties.load): `key=value`,
// `key: value` or `key value`; `#` and `!` start comment lines; a line ending in an odd number of
// backslashes continues on the next line; `\t`, `\n`, `\uXXXX`... escapes. Unlike Java we keep
// every entry with its line number (duplicates too), so the importer can point at the line.

export interface PropertyEntry {
  readonly key: string;
  readonly value: string;
  /** 1-based line where the (logical) line starts. */
  readonly line: number;
}

/** All entries in file order. Values are trimmed: EdgeCloudSim's parsers would choke on the spaces. */
export function parseProperties(text: string): PropertyEntry[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const entries: PropertyEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i]!.replace(/^[ \t\f]+/, "");
    if (first === "" || first.startsWith("#") || first.startsWith("!")) continue;
    const line = i + 1;
    let logical = first;
    while (endsWithOddBackslashes(logical) && i + 1 < lines.length) {
      logical = logical.slice(0, -1) + lines[++i]!.replace(/^[ \t\f]+/, "");
    }
    if (endsWithOddBackslashes(logical)) logical = logical.slice(0, -1);
    const { key, rest } = splitKey(logical);
    entries.push({ key: unescape(key), value: unescape(rest).trim(), line });
  }
  return entries;
}

function endsWithOddBackslashes(s: string): boolean {
  let n = 0;
  for (let i = s.length - 1; i >= 0 && s[i] === "\\"; i--) n++;
  return n % 2 === 1;
}

/** The key ends at the first unescaped `=`, `:` or whitespace; one separator and the spaces around it go. */
function splitKey(line: string): { key: string; rest: string } {
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === "\\") i += 2;
    else if (c === "=" || c === ":" || c === " " || c === "\t" || c === "\f") break;
    else i++;
  }
  const key = line.slice(0, i);
  let j = i;
  while (j < line.length && /[ \t\f]/.test(line[j]!)) j++;
  if (line[j] === "=" || line[j] === ":") j++;
  while (j < line.length && /[ \t\f]/.test(line[j]!)) j++;
  return { key, rest: line.slice(j) };
}

function unescape(s: string): string {
  if (!s.includes("\\")) return s;
  return s.replace(/\\(u[0-9A-Fa-f]{4}|.)/g, (_, e: string) => {
    if (e.length === 5) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ t: "\t", n: "\n", r: "\r", f: "\f" } as Record<string, string>)[e] ?? e;
  });
}
