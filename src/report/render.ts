// Vega-Lite spec → Vega → SVG (headless View, renderer "none") → PNG (resvg). resvg draws no text
// at all unless fonts are loaded, so it gets DejaVu Sans, which is what the specs ask for first
// (specs/common.ts FONT) and whose metrics Vega's layout uses (text-metrics.ts).
import { existsSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import * as vegaLite from "vega-lite";
import type { VlSpec } from "./specs/common.ts";
import { installTextMetrics } from "./text-metrics.ts";

/** The Debian/Ubuntu paths of the fonts-dejavu-core package. */
const DEJAVU = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"];

export async function renderSvg(spec: VlSpec): Promise<string> {
  installTextMetrics();
  // vega-lite's types want its TopLevelSpec; our specs are plain JSON checked by rendering them.
  const compiled = vegaLite.compile(spec as unknown as vegaLite.TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export interface Png {
  png: Buffer;
  width: number;
  height: number;
}

/** Rasterise at `scale`× (2 by default: sharp on high-DPI screens and in documents). */
export function svgToPng(svg: string, scale = 2): Png {
  // DejaVu alone when present: the same glyphs on every machine and faster than scanning all
  // system fonts; otherwise whatever the system has (never no fonts: resvg would draw no text).
  const dejavu = DEJAVU.every((f) => existsSync(f));
  const resvg = new Resvg(svg, {
    background: "white",
    fitTo: { mode: "zoom", value: scale },
    font: {
      loadSystemFonts: !dejavu,
      fontFiles: dejavu ? DEJAVU : [],
      defaultFontFamily: "DejaVu Sans",
      sansSerifFamily: "DejaVu Sans",
    },
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height };
}
