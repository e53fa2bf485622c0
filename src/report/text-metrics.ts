// Text widths for Vega's headless layout. Without a canvas, Vega guesses 0.8 em per character,
// which is far too wide for DejaVu Sans: legends and axis titles get truncated and charts get
// large empty margins. Vega accepts a user-supplied textMetrics.width (vl-convert does the same),
// so we measure with the advance widths of the very TTF files resvg draws the PNGs with.
import { existsSync, readFileSync } from "node:fs";
import * as vega from "vega";

const FONT_DIR = "/usr/share/fonts/truetype/dejavu";

/** Advance width in em of each character of one font file; undefined when the file is unusable. */
function loadAdvances(path: string): ((codePoint: number) => number) | undefined {
  if (!existsSync(path)) return undefined;
  const buf = readFileSync(path);
  const u16 = (o: number) => buf.readUInt16BE(o);
  const tables = new Map<string, number>();
  for (let i = 0, n = u16(4); i < n; i++) tables.set(buf.toString("latin1", 12 + 16 * i, 16 + 16 * i), buf.readUInt32BE(20 + 16 * i));
  const head = tables.get("head"), hhea = tables.get("hhea"), hmtx = tables.get("hmtx"), cmap = tables.get("cmap");
  if (head === undefined || hhea === undefined || hmtx === undefined || cmap === undefined) return undefined;
  const unitsPerEm = u16(head + 18);
  const hMetrics = u16(hhea + 34);
  // The Unicode BMP subtable (platform 3 encoding 1, or platform 0), format 4.
  let sub = -1;
  for (let i = 0, n = u16(cmap + 2); i < n; i++) {
    const rec = cmap + 4 + 8 * i;
    const platform = u16(rec), encoding = u16(rec + 2), offset = cmap + buf.readUInt32BE(rec + 4);
    if (u16(offset) === 4 && (platform === 0 || (platform === 3 && encoding === 1))) sub = offset;
  }
  if (sub < 0) return undefined;
  const segs = u16(sub + 6) / 2;
  const ends = sub + 14, starts = ends + 2 * segs + 2, deltas = starts + 2 * segs, ranges = deltas + 2 * segs;
  const glyph = (c: number): number => {
    for (let i = 0; i < segs; i++) {
      if (u16(ends + 2 * i) < c) continue;
      const start = u16(starts + 2 * i);
      if (start > c) return 0;
      const delta = u16(deltas + 2 * i), rangeAt = ranges + 2 * i, range = u16(rangeAt);
      if (range === 0) return (c + delta) & 0xffff;
      const g = u16(rangeAt + range + 2 * (c - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  const cache = new Map<number, number>();
  return (c) => {
    let w = cache.get(c);
    if (w === undefined) {
      const g = Math.min(glyph(c), hMetrics - 1);
      w = u16(hmtx + 4 * g) / unitsPerEm;
      cache.set(c, w);
    }
    return w;
  };
}

interface TextItem {
  text?: unknown;
  fontSize?: number;
  fontWeight?: string | number;
}

let installed = false;

/** Make Vega measure text with DejaVu Sans metrics; keeps Vega's estimate when the fonts are missing. */
export function installTextMetrics(): boolean {
  if (installed) return true;
  const regular = loadAdvances(`${FONT_DIR}/DejaVuSans.ttf`);
  const bold = loadAdvances(`${FONT_DIR}/DejaVuSans-Bold.ttf`) ?? regular;
  if (!regular || !bold) return false;
  // Exported by vega (from vega-scenegraph) but missing from its typings.
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number } }).textMetrics;
  metrics.width = (item, text) => {
    const s = String(text ?? item.text ?? "");
    const weight = item.fontWeight;
    const advance = weight === "bold" || (typeof weight === "number" && weight >= 600) || weight === "600" || weight === "700" ? bold : regular;
    let em = 0;
    for (const ch of s) em += advance(ch.codePointAt(0)!);
    return em * (item.fontSize ?? 11);
  };
  installed = true;
  return true;
}
