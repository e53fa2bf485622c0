// SVG and PNG output of the chart specs: axis titles present, one line per policy in its fixed
// colour, a valid PNG of the expected size that is not blank, and text that actually renders.
import { Resvg } from "@resvg/resvg-js";
import { beforeAll, describe, expect, it } from "vitest";
import { isPaperMethod, policyLabel, policyPalette } from "../src/report/policies.ts";
import { renderSvg, svgToPng } from "../src/report/render.ts";
import { loadResults } from "../src/report/results.ts";
import { buildReport, type ReportModel } from "../src/report/write-report.ts";
import { FIXTURE_DIR } from "./fixtures/report/helpers.ts";

let model: ReportModel;
let fig4Svg: string;

beforeAll(async () => {
  model = buildReport(loadResults(FIXTURE_DIR));
  fig4Svg = await renderSvg(model.charts.find((c) => c.id === "fig4-service-time")!.spec);
});

/** Line-mark groups of a Vega SVG: each holds one series' path, with its aria-label and stroke. */
function lineSeries(svg: string): { policy: string; stroke: string }[] {
  const groups = [...svg.matchAll(/<g class="mark-line role-mark[^"]*"[^>]*><path ([^>]*)>/g)];
  return groups.map((g) => ({
    policy: /policy: ([^;"]+)/.exec(g[1]!)?.[1] ?? "?",
    stroke: /stroke="([^"]+)"/.exec(g[1]!)?.[1] ?? "?",
  }));
}

/** Width and height from the IHDR chunk, after checking the 8-byte PNG signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.toString("latin1", 12, 16)).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** RGBA pixels of a PNG: resvg decodes it as an <image> inside an SVG of the same size. */
function decodePng(png: Buffer): { pixels: Buffer; width: number; height: number } {
  const { width, height } = pngSize(png);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}"><image width="${width}" height="${height}" xlink:href="data:image/png;base64,${png.toString("base64")}"/></svg>`;
  const image = new Resvg(svg).render();
  return { pixels: image.pixels, width: image.width, height: image.height };
}

/** Pixels that are not (near) white, from an RGBA buffer. */
function inkPixels(rgba: Buffer | Uint8Array): number {
  let n = 0;
  for (let i = 0; i < rgba.length; i += 4) if (rgba[i]! < 200 || rgba[i + 1]! < 200 || rgba[i + 2]! < 200) n++;
  return n;
}

describe("report rendering", () => {
  it("writes axis titles, the title and the legend into the SVG", () => {
    expect(fig4Svg).toContain("Number of IoT devices");
    expect(fig4Svg).toContain("Mean service time (s, log scale)");
    expect(fig4Svg).toContain("Fig. 4: service time");
    expect(fig4Svg).toMatch(/aria-label="Y-axis titled 'Mean service time \(s, log scale\)'/);
    expect(fig4Svg).toContain("values printed in the paper");
    expect(fig4Svg).toContain("neural-network (outcome labels)");
  });

  it("draws one line-mark group per paper method, in the policy's fixed colour", () => {
    const series = lineSeries(fig4Svg);
    const palette = policyPalette(model.table.policies);
    expect(series.map((s) => s.policy).sort()).toEqual(model.table.policies.filter(isPaperMethod).map(policyLabel).sort());
    for (const s of series) expect(s.stroke).toBe(palette.colours[palette.labels.indexOf(s.policy)]);
  });

  it("renders a PNG of twice the SVG size that is not blank", () => {
    const { png } = svgToPng(fig4Svg);
    const w = Number(/<svg[^>]* width="(\d+)"/.exec(fig4Svg)![1]);
    const h = Number(/<svg[^>]* height="(\d+)"/.exec(fig4Svg)![1]);
    expect(pngSize(png)).toEqual({ width: 2 * w, height: 2 * h });
    // Decode the PNG again and count coloured pixels: lines, bands, text.
    const decoded = decodePng(png);
    expect(inkPixels(decoded.pixels)).toBeGreaterThan(0.02 * decoded.width * decoded.height);
  });

  it("renders text in PNGs (resvg draws no text when no font is loaded)", () => {
    const text = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="5" y="28" font-family="DejaVu Sans, sans-serif" font-size="20">Service time</text></svg>`;
    const blank = new Resvg(text, { background: "white", font: { loadSystemFonts: false } }).render();
    const rendered = decodePng(svgToPng(text, 1).png);
    expect(inkPixels(blank.pixels)).toBe(0);
    expect(inkPixels(rendered.pixels)).toBeGreaterThan(200);
  });
});
