// Where a JSON text stops being JSON, found by a small scan of our own: V8's messages differ
// between Node versions (Node 20 gives no position for "Unexpected token" and "Unexpected end",
// Node 22 adds line and column), and some quote the whole text. The scan runs only after
// JSON.parse has failed, so it need not be fast, only agree with JSON.parse on where it fails.

export interface JsonSyntaxError {
  /** UTF-16 offset of the first character that cannot continue a JSON text. */
  offset: number;
  /** 1-based line and column of that offset (columns count UTF-16 units, as editors mostly do). */
  line: number;
  column: number;
  /** What was expected there, in words. */
  message: string;
}

class Stop {
  constructor(readonly offset: number, readonly message: string) {}
}

/** The first syntax error of `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const found = () => (i >= n ? "the end of the file" : `${JSON.stringify(text[i])}`);
  const fail = (expected: string): never => {
    throw new Stop(i, `expected ${expected}, found ${found()}`);
  };
  const literal = (word: string) => {
    for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) fail(`"${word}"`);
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= n) throw new Stop(i, "unterminated string (a missing closing quote?)");
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) throw new Stop(i, "control character inside a string (write \\n or \\t instead)");
      if (c === 0x5c) {
        i++;
        const e = text[i];
        if (e === "u") {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? "")) throw new Stop(i + k, "bad \\u escape (four hex digits expected)");
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else throw new Stop(i, "bad escape in a string");
      } else i++;
    }
  };
  const digits = () => {
    const start = i;
    while (i < n && text[i]! >= "0" && text[i]! <= "9") i++;
    if (i === start) fail("a digit");
  };
  const number = () => {
    if (text[i] === "-") i++;
    if (text[i] === "0") i++;
    else digits();
    if (text[i] === ".") {
      i++;
      digits();
    }
    if (text[i] === "e" || text[i] === "E") {
      i++;
      if (text[i] === "+" || text[i] === "-") i++;
      digits();
    }
  };
  // Iterative over containers so a deeply nested file cannot overflow the stack.
  const stack: string[] = [];
  const value = () => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return false;
      }
      stack.push("}");
      member();
      return true;
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return false;
      }
      stack.push("]");
      return true;
    }
    if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) number();
    else fail("a value (object, array, string, number, true, false or null)");
    return false;
  };
  const member = () => {
    ws();
    if (text[i] !== '"') fail('a double-quoted property name (a trailing comma?)');
    string();
    ws();
    if (text[i] !== ":") fail('":" after the property name');
    i++;
  };
  try {
    // pending: a value is due next (a container just opened, or a "," was read).
    let pending = value();
    for (;;) {
      if (pending) {
        pending = value();
        continue;
      }
      const close = stack.at(-1);
      if (close === undefined) break;
      ws();
      if (text[i] === ",") {
        i++;
        if (close === "}") member();
        pending = true;
        continue;
      }
      if (text[i] === close) {
        i++;
        stack.pop();
        pending = false;
        continue;
      }
      fail(`"," or "${close}"`);
    }
    ws();
    if (i < n) fail("the end of the file after the JSON value");
    return undefined;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    return locate(text, e.offset, e.message);
  }
}

function locate(text: string, offset: number, message: string): JsonSyntaxError {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === "\n") {
      line++;
      lineStart = k + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1, message };
}
