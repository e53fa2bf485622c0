// The two small parsers under the EdgeCloudSim importer: XML (with line numbers) and Java properties.
import { describe, expect, it } from "vitest";
import { parseProperties } from "../src/scenario/edgecloudsim/properties.ts";
import { parseXml, XmlSyntaxError } from "../src/scenario/edgecloudsim/xml.ts";

function syntaxError(text: string): XmlSyntaxError {
  try {
    parseXml(text);
  } catch (err) {
    if (err instanceof XmlSyntaxError) return err;
    throw err;
  }
  throw new Error("expected a syntax error");
}

describe("parseXml", () => {
  it("reads elements, attributes, text, comments, CDATA and the declaration, with lines", () => {
    const root = parseXml(`\uFEFF<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment -->
<a x="1" y='two &amp; three'>
  <b>4 &lt; 5 &#65;&#x42;</b><!-- inside -->
  <c/><d><![CDATA[<raw> & stuff]]></d>
</a>
`);
    expect(root.name).toBe("a");
    expect(root.attributes).toEqual({ x: "1", y: "two & three" });
    expect(root.line).toBe(3);
    expect(root.children.map((c) => [c.name, c.line, c.text])).toEqual([
      ["b", 4, "4 < 5 AB"],
      ["c", 5, ""],
      ["d", 5, "<raw> & stuff"],
    ]);
  });

  it("reports unclosed, mismatched and stray tags with their line", () => {
    expect(syntaxError("<a>\n  <b>1\n</a>").message).toBe("line 3, column 1: </a> does not match <b> opened at line 2");
    expect(syntaxError("<a>\n<b>1</b>\n").message).toBe("line 1, column 1: <a> is never closed");
    expect(syntaxError("<a></a>\n<b/>").line).toBe(2);
    expect(syntaxError("<a>\n<!-- open\n</a>").message).toMatch(/comment is not closed/);
    expect(syntaxError('<a x="1" x="2"/>').message).toMatch(/attribute x appears twice/);
    expect(syntaxError("<a x=1/>").message).toMatch(/not quoted/);
    expect(syntaxError("<a>AT&T</a>").message).toMatch(/not part of an entity/);
    expect(syntaxError("<a>&nbsp;</a>").message).toMatch(/unknown entity/);
    expect(syntaxError("text<a/>").message).toMatch(/text before the root element/);
    expect(syntaxError("").message).toMatch(/no root element/);
    expect(syntaxError("<a/>\n<?xml version='1.0'?>").message).toMatch(/must be the very first thing/);
    expect(syntaxError("<!DOCTYPE a><a/>").fix).toMatch(/delete/);
  });
});

describe("parseProperties", () => {
  it("reads Java properties with line numbers, separators, comments and continuations", () => {
    const entries = parseProperties("# comment\n! also a comment\n\na=1\nb : 2 \n  c 3\nlist=A,\\\n    B\nd=\ne\\u0041=x\\ty\n");
    expect(entries).toEqual([
      { key: "a", value: "1", line: 4 },
      { key: "b", value: "2", line: 5 },
      { key: "c", value: "3", line: 6 },
      { key: "list", value: "A,B", line: 7 },
      { key: "d", value: "", line: 9 },
      { key: "eA", value: "x\ty", line: 10 },
    ]);
  });

  it("handles CRLF line ends", () => {
    expect(parseProperties("a=1\r\nb=2\r\n")).toEqual([
      { key: "a", value: "1", line: 1 },
      { key: "b", value: "2", line: 2 },
    ]);
  });
});
