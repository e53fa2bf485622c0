// Turning an XML file into its root element, with syntax errors and a wrong root element reported
// as problems that name the file and line (a swapped --applications/--edge-devices is common).
import type { Diagnostics } from "./diagnostics.ts";
import { parseXml, XmlSyntaxError, type XmlElement } from "./xml.ts";

const ROOTS: Readonly<Record<string, string>> = { applications: "--applications", edge_devices: "--edge-devices" };

export function parseXmlFile(d: Diagnostics, file: string, text: string, rootName: string, flag: string): XmlElement | undefined {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (err) {
    if (!(err instanceof XmlSyntaxError)) throw err;
    const lineText = text.split(/\r\n|\r|\n/)[err.line - 1]?.trim();
    d.error({
      path: `${file}:${err.line}`,
      value: lineText === "" ? undefined : lineText,
      message: `malformed XML at column ${err.column}: ${err.message.replace(/^line \d+, column \d+: /, "")}`,
      fix: err.fix,
    });
    return undefined;
  }
  if (root.name !== rootName) {
    const swapped = ROOTS[root.name];
    d.error({
      path: `${file}:${root.line} <${root.name}>`,
      value: `<${root.name}>`,
      message: `the root element is <${root.name}>, expected <${rootName}>`,
      fix: swapped ? `this looks like the file for ${swapped}; pass it there and the right file to ${flag}` : `pass EdgeCloudSim's ${rootName}.xml to ${flag}`,
    });
    return undefined;
  }
  return root;
}
