// One error type for bad input anywhere in mecbench: each problem names where (a JSON path or a
// file position), what was found, and how to fix it. The CLI prints these without a stack trace.

export interface Problem {
  /** JSON path like `workload.apps[2].sharePct`, or `file:line` for non-JSON inputs. */
  path: string;
  /** The offending value (undefined when the value is missing). */
  value?: unknown;
  message: string;
  fix: string;
}

export class InputError extends Error {
  readonly problems: readonly Problem[];
  constructor(source: string, problems: readonly Problem[]) {
    super(formatProblems(source, problems));
    this.name = "InputError";
    this.problems = problems;
  }
}

export function formatProblems(source: string, problems: readonly Problem[]): string {
  const lines = problems.map((p) => {
    const found = p.value === undefined ? "missing" : `found ${preview(p.value)}`;
    return `  - ${p.path || "(root)"}: ${p.message} (${found}). Fix: ${p.fix}`;
  });
  const n = problems.length;
  return `${source}: ${n} problem${n === 1 ? "" : "s"}\n${lines.join("\n")}`;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Format a path array as `a.b[2].c`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** The closest candidate by edit distance, if it is close enough to be a likely typo. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return bestDistance <= limit ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** "an integer", "a number", "an object": zod's expected-type words with their article. */
export function typePhrase(expected: string): string {
  const word = expected === "int" ? "integer" : expected;
  return `${/^[aeiou]/i.test(word) ? "an" : "a"} ${word}`;
}
