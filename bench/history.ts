// The bench history (one JSON line per run) as a chart of every tracked figure over runs,
// normalised by each run's CPU reference so machines of different speed line up, and shown as a
// speed relative to the figure's first run (> 1: faster, whichever way the figure is better), since
// a throughput divided (or a latency multiplied) by the reference has no unit a reader can use.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderSvg, svgToPng } from "../src/report/render.ts";
import { normalised, type Figure } from "./compare.ts";

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
  // In CPU-reference units (compare.ts normalised); then as a speed.
  const first = new Map<string, number>();
  const values = runs.flatMap((run, i) =>
    run.figures.map((f) => {
      const x = normalised(f, run.cpuReference);
      if (!first.has(f.name)) first.set(f.name, x);
      const x0 = first.get(f.name)!;
      return {
        run: i + 1,
        stamp: run.stamp,
        commit: run.commit.slice(0, 8),
        figure: f.name,
        speed: f.better === "higher" ? x / x0 : x0 / x,
      };
    }),
  );
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Tracked bench figures over runs: speed relative to the first run (normalised by the CPU reference loop; > 1 faster)",
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
        y: { field: "speed", type: "quantitative", title: "speed vs first run", scale: { zero: false }, axis: { format: ".2f" } },
        tooltip: [{ field: "stamp" }, { field: "commit" }, { field: "speed", format: ".3f" }],
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
