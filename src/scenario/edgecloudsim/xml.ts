// A small XML parser for EdgeCloudSim's configuration files (no XML library is installed, and
// these files use only a sliver of XML): elements, attributes, character data with the five
// predefined and numeric entities, CDATA, comments, processing instructions and the `<?xml ?>`
// declaration. Every element keeps the line it starts on, so importer errors can say
// `applications.xml:12`. DOCTYPE declarations are refused rather than half-understood.

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** Character data directly inside this element (not in children), entities decoded. */
  readonly text: string;
  /** 1-based line of the element's `<`. */
  readonly line: number;
}

/** A syntax error at a position, with what to do about it. */
export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    readonly fix: string,
  ) {
    super(`line ${line}, column ${column}: ${message}`);
    this.name = "XmlSyntaxError";
  }
}

interface MutableElement {
  name: string;
  attributes: Record<string, string>;
  children: MutableElement[];
  text: string;
  line: number;
}

const NAME_START = /[A-Za-z_:]/;
const NAME_CHAR = /[-A-Za-z0-9_:.]/;
const ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Parse a whole document and return its root element; throws XmlSyntaxError. */
export function parseXml(text: string): XmlElement {
  return new Parser(text).document();
}

class Parser {
  private pos = 0;
  private readonly lineStarts: number[] = [0];

  constructor(private readonly src: string) {
    for (let i = 0; i < src.length; i++) if (src[i] === "\n") this.lineStarts.push(i + 1);
    if (src.charCodeAt(0) === 0xfeff) this.pos = 1; // byte order mark
  }

  document(): XmlElement {
    if (this.src.startsWith("<?xml", this.pos) && /\s/.test(this.src[this.pos + 5] ?? "")) {
      this.skipUntil("?>", "the <?xml ?> declaration is not closed", "end the declaration with ?>");
    }
    this.misc("before the root element");
    if (this.pos >= this.src.length) this.fail("the document has no root element", "add the root element (e.g. <applications>...</applications>)");
    const root = this.element();
    this.misc("after the root element");
    if (this.pos < this.src.length) {
      this.fail("content after the root element", "a document has exactly one root element: move this inside it or delete it");
    }
    return root;
  }

  /** Whitespace, comments and processing instructions outside the root element. */
  private misc(where: string): void {
    for (;;) {
      this.skipSpace();
      if (this.src.startsWith("<!--", this.pos)) this.comment();
      else if (this.src.startsWith("<?", this.pos)) this.processingInstruction();
      else if (this.src.startsWith("<!DOCTYPE", this.pos)) {
        this.fail("DOCTYPE declarations are not supported", "delete the <!DOCTYPE ...> line (EdgeCloudSim does not need it)");
      } else if (this.pos < this.src.length && this.src[this.pos] !== "<") {
        this.fail(`text ${where}`, "delete it, or put it inside an element");
      } else return;
    }
  }

  private element(): MutableElement {
    const start = this.pos;
    this.expect("<");
    const name = this.name("an element name after <");
    const el: MutableElement = { name, attributes: {}, children: [], text: "", line: this.lineOf(start) };
    for (;;) {
      const hadSpace = this.skipSpace();
      const c = this.src[this.pos];
      if (c === undefined) this.failAt(start, `<${name}> start tag is not closed`, "end the tag with > or />");
      if (c === "/") {
        this.pos++;
        this.expect(">", `<${name}/ must be followed by >`);
        return el;
      }
      if (c === ">") {
        this.pos++;
        break;
      }
      if (!hadSpace) this.fail(`unexpected "${c}" in <${name}> start tag`, "separate attributes with spaces and close the tag with >");
      this.attribute(el);
    }
    this.content(el, start);
    return el;
  }

  private attribute(el: MutableElement): void {
    const at = this.pos;
    const attr = this.name(`an attribute name in <${el.name}>`);
    this.skipSpace();
    this.expect("=", `attribute ${attr} needs = and a quoted value`);
    this.skipSpace();
    const quote = this.src[this.pos];
    if (quote !== '"' && quote !== "'") this.fail(`the value of ${attr} is not quoted`, `write ${attr}="value"`);
    const end = this.src.indexOf(quote, this.pos + 1);
    if (end < 0) this.fail(`the value of ${attr} is not closed`, `close it with ${quote}`);
    const raw = this.src.slice(this.pos + 1, end);
    if (raw.includes("<")) this.fail(`"<" in the value of ${attr}`, "write &lt; instead");
    if (Object.hasOwn(el.attributes, attr)) this.failAt(at, `attribute ${attr} appears twice in <${el.name}>`, "keep one of them");
    el.attributes[attr] = this.decode(raw, this.pos + 1);
    this.pos = end + 1;
  }

  /** Children, text, comments and CDATA up to the matching end tag. */
  private content(el: MutableElement, start: number): void {
    for (;;) {
      const lt = this.src.indexOf("<", this.pos);
      if (lt < 0) {
        this.failAt(start, `<${el.name}> is never closed`, `add </${el.name}> where the element ends`);
      }
      if (lt > this.pos) el.text += this.decode(this.src.slice(this.pos, lt), this.pos);
      this.pos = lt;
      if (this.src.startsWith("</", lt)) {
        this.pos += 2;
        const endName = this.name("an element name after </");
        this.skipSpace();
        this.expect(">", `</${endName} must be followed by >`);
        if (endName !== el.name) {
          this.failAt(lt, `</${endName}> does not match <${el.name}> opened at line ${el.line}`, `close <${el.name}> with </${el.name}> first (or fix the tag name)`);
        }
        return;
      }
      if (this.src.startsWith("<!--", lt)) this.comment();
      else if (this.src.startsWith("<![CDATA[", lt)) {
        const end = this.src.indexOf("]]>", lt + 9);
        if (end < 0) this.fail("a CDATA section is not closed", "end it with ]]>");
        el.text += this.src.slice(lt + 9, end);
        this.pos = end + 3;
      } else if (this.src.startsWith("<?", lt)) this.processingInstruction();
      else if (this.src.startsWith("<!", lt)) this.fail("declarations are not allowed inside elements", "delete it");
      else el.children.push(this.element());
    }
  }

  private comment(): void {
    this.skipUntil("-->", "a comment is not closed", "end the comment with -->");
  }

  private processingInstruction(): void {
    if (this.src.startsWith("<?xml", this.pos) && /[\s?]/.test(this.src[this.pos + 5] ?? "")) {
      this.fail("the <?xml ?> declaration must be the very first thing in the file", "move it to the first line, or delete it");
    }
    this.skipUntil("?>", "a processing instruction is not closed", "end it with ?>");
  }

  private skipUntil(end: string, message: string, fix: string): void {
    const at = this.src.indexOf(end, this.pos);
    if (at < 0) this.fail(message, fix);
    this.pos = at + end.length;
  }

  private name(what: string): string {
    const start = this.pos;
    if (!NAME_START.test(this.src[this.pos] ?? "")) {
      const found = this.src[this.pos] === undefined ? "the end of the file" : `"${this.src[this.pos]}"`;
      this.fail(`expected ${what}, found ${found}`, "names start with a letter or _ (check for a stray < or &)");
    }
    this.pos++;
    while (NAME_CHAR.test(this.src[this.pos] ?? "")) this.pos++;
    return this.src.slice(start, this.pos);
  }

  /** Decode entity and character references in text that starts at offset `at`. */
  private decode(raw: string, at: number): string {
    if (!raw.includes("&")) return raw;
    return raw.replace(/&([^;\s<&]*);?/g, (match, ref: string, offset: number) => {
      const where = at + offset;
      if (!match.endsWith(";")) this.failAt(where, `"&" is not part of an entity`, "write &amp; for a literal &");
      if (ref.startsWith("#")) {
        const code = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        const valid = /^#(x[0-9A-Fa-f]+|[0-9]+)$/.test(ref) && code <= 0x10ffff;
        if (!valid) this.failAt(where, `bad character reference &${ref};`, "use &#NNN; or &#xHHH;");
        return String.fromCodePoint(code);
      }
      const value = ENTITIES[ref];
      if (value === undefined) this.failAt(where, `unknown entity &${ref};`, "use one of &lt; &gt; &amp; &quot; &apos;");
      return value;
    });
  }

  private skipSpace(): boolean {
    const start = this.pos;
    while (/\s/.test(this.src[this.pos] ?? "")) this.pos++;
    return this.pos > start;
  }

  private expect(s: string, message = `expected "${s}"`): void {
    if (!this.src.startsWith(s, this.pos)) this.fail(message, `add "${s}"`);
    this.pos += s.length;
  }

  private lineOf(offset: number): number {
    let lo = 0, hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  private fail(message: string, fix: string): never {
    this.failAt(this.pos, message, fix);
  }

  private failAt(offset: number, message: string, fix: string): never {
    const line = this.lineOf(offset);
    throw new XmlSyntaxError(message, line, offset - this.lineStarts[line - 1]! + 1, fix);
  }
}
