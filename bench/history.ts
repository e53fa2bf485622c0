// The bench history (one JSON line per run) as a chart of every tracked figure over runs,
// normalised by each run's CPU reference so machines of different speed line up.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderSvg, svgToPng } from "../src/report/render.ts";
import type { Figure } from "./compare.ts";

interface HistoryLine {
  stamp: string;
  commit: string;
  profile: string;
  cpuReference: number;
  figures: Figure[];
}

export async function writeHistoryReport(historyFile: URL, outDir: string): Promise<{ runs: number; chart: string }> {
  const lines = readFileSync(historyFile, "utf8").split("\n").filter((l) => l.trim() !== "");
  const runs: HistoryLine[] = [];
  for (const line of lines) {
    try {
      runs.push(JSON.parse(line) as HistoryLine);
    } catch {
      // a torn line from an interrupted run: skip it, the rest of the history stays usable
    }
  }
  const values = runs.flatMap((run, i) =>
    run.figures.map((f) => ({
      run: i + 1,
      stamp: run.stamp,
      commit: run.commit.slice(0, 8),
      figure: f.name,
      // in CPU-reference units: throughput / reference, latency × reference
      normalised: f.better === "higher" ? f.median / run.cpuReference : f.median * run.cpuReference,
    })),
  );
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Tracked bench figures over runs (normalised by the CPU reference loop)",
    data: { values },
    facet: { field: "figure", type: "nominal", title: null },
    columns: 3,
    resolve: { scale: { y: "independent" } },
    spec: {
      width: 220,
      height: 110,
      mark: { type: "line", point: true },
      encoding: {
        x: { field: "run", type: "quantitative", title: "run", axis: { tickMinStep: 1 } },
        y: { field: "normalised", type: "quantitative", title: "figure / CPU reference", scale: { zero: false } },
        tooltip: [{ field: "stamp" }, { field: "commit" }, { field: "normalised", format: ".3g" }],
      },
    },
    config: { font: "DejaVu Sans" },
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "history.vl.json"), `${JSON.stringify(spec, null, 2)}\n`);
  const svg = await renderSvg(spec);
  writeFileSync(join(outDir, "history.svg"), svg);
  writeFileSync(join(outDir, "history.png"), svgToPng(svg).png);
  return { runs: runs.length, chart: join(outDir, "history.svg") };
}
