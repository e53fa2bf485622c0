// From a results directory to the report directory: charts (.vl.json, .svg, .png), index.html and
// summary.md. buildReport() is the pure part (no rendering, no files), which the tests use.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { browserBundles } from "./bundles.ts";
import type { ClaimResult } from "./claim-helpers.ts";
import { evaluateClaims } from "./claims.ts";
import { extraCharts } from "./extras.ts";
import { paperFigureCharts, type ChartDef } from "./figures.ts";
import { pageHtml } from "./html.ts";
import { manifestFacts, runCaption } from "./manifest-facts.ts";
import { summaryMarkdown } from "./markdown.ts";
import { reproductionIntro } from "./notes.ts";
import { figureTables, offeredLoadTable, type NumberTable } from "./number-tables.ts";
import { renderSvg, svgToPng } from "./render.ts";
import { loadResults, type SweepResults } from "./results.ts";
import { ResultTable } from "./table.ts";
import { timeSeriesChart } from "./time-series.ts";

export interface ReportModel {
  title: string;
  results: SweepResults;
  table: ResultTable;
  charts: ChartDef[];
  tables: NumberTable[];
  intro: string[];
  claims: ClaimResult[];
  facts: [string, string][];
}

export function buildReport(results: SweepResults): ReportModel {
  const table = new ResultTable(results.rows, results.summary);
  const name = results.scenarioName;
  // The paper's values follow the world, not the name: an imported sample_app4 is edgecloudsim-app4.
  const world = results.world ?? name;
  const sameWorld = world !== name
    ? [`World. Scenario "${name}" has the world of the ${world} preset (same world fingerprint: infrastructure, apps, network, compute, mobility, orchestration), so it is treated as ${world} below.`]
    : [];
  return {
    title: `mecbench report: scenario ${name}`,
    results,
    table,
    charts: [
      ...paperFigureCharts(table, { ...runCaption(results, table), world }), ...extraCharts(table, name),
      ...[timeSeriesChart(results.series, table.policies, name)].filter((c): c is ChartDef => c !== undefined),
    ],
    tables: [...figureTables(table), offeredLoadTable(table)],
    intro: [...sameWorld, ...reproductionIntro(table, world)],
    claims: evaluateClaims(table, world),
    facts: manifestFacts(results, table),
  };
}

export interface WrittenReport {
  outDir: string;
  /** Every file written, index.html and summary.md first. */
  files: string[];
  model: ReportModel;
}

export async function writeReport(resultsDir: string, outDir = join(resultsDir, "report")): Promise<WrittenReport> {
  const model = buildReport(loadResults(resultsDir));
  mkdirSync(outDir, { recursive: true });
  const chartFiles: string[] = [];
  for (const chart of model.charts) {
    const base = join(outDir, chart.id);
    writeFileSync(`${base}.vl.json`, `${JSON.stringify(chart.spec, null, 2)}\n`);
    const svg = await renderSvg(chart.spec);
    writeFileSync(`${base}.svg`, svg);
    writeFileSync(`${base}.png`, svgToPng(svg).png);
    chartFiles.push(`${base}.vl.json`, `${base}.svg`, `${base}.png`);
  }
  const index = join(outDir, "index.html");
  writeFileSync(index, pageHtml({ ...model, bundles: browserBundles() }));
  const summary = join(outDir, "summary.md");
  writeFileSync(summary, summaryMarkdown(model));
  return { outDir, files: [index, summary, ...chartFiles], model };
}
