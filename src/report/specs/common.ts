// What every chart spec shares: the schema, the look (fonts that exist on the rendering machine,
// white background for PNGs), and the data-driven choice between a linear and a log axis.

/** A Vega-Lite spec as plain JSON: it is written to disk and inlined into the page as is. */
export type VlSpec = Record<string, unknown>;

export const VL_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

/** DejaVu Sans first: it is what resvg is given for the PNGs, so SVG, PNG and page agree. */
export const FONT = "DejaVu Sans, Verdana, Arial, sans-serif";

export const BASE_CONFIG = {
  font: FONT,
  background: "white",
  // A little slack on the right: legend labels end there, and a measured width has no margin.
  padding: { left: 5, top: 5, right: 16, bottom: 5 },
  view: { stroke: "#ddd" },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: "#eee" },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 340, symbolOpacity: 1 },
  title: { fontSize: 14, subtitleFontSize: 11, subtitleColor: "#555", anchor: "start" },
  header: { labelFontSize: 12, titleFontSize: 12 },
} as const;

/** A ratio above which a positive axis reads better on a log scale (values span orders of magnitude). */
export const LOG_RATIO = 50;

/** "log" when every value is positive and max/min exceeds LOG_RATIO; otherwise "linear". */
export function chooseScale(values: readonly number[]): "log" | "linear" {
  const xs = values.filter((v) => Number.isFinite(v));
  if (xs.length === 0 || xs.some((v) => v <= 0)) return "linear";
  return Math.max(...xs) / Math.min(...xs) > LOG_RATIO ? "log" : "linear";
}

/** Subtitle lines wrap poorly in Vega: split long notes into lines of about `width` characters. */
export function wrapLines(text: string, width = 90): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line !== "" && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}
