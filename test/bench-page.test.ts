// The bench's index.html (bench/page.ts) in headless Chromium: it renders without console errors,
// its history chart loads, its links reach the sweeps' reports, and the tables are there.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeHistoryReport } from "../bench/history.ts";
import { benchPageHtml, writeBenchPage, type BenchPage } from "../bench/page.ts";
import { writeReport } from "../src/report/write-report.ts";
import { FIXTURE_DIR } from "./fixtures/report/helpers.ts";
import { chromiumMissing, launchChromium, openPage } from "./helpers/chromium.ts";

const missing = chromiumMissing;
const tmp = mkdtempSync(join(tmpdir(), "mecbench-bench-page-"));
let browser: Browser | undefined;
let page: BenchPage;

beforeAll(async () => {
  const dir = join(tmp, "results", "bench", "stamp");
  const report = join(dir, "sweeps", "paper", "report");
  await writeReport(FIXTURE_DIR, report);
  const history = join(tmp, "history.jsonl");
  const line = (i: number) => JSON.stringify({ stamp: `s${i}`, commit: `c${i}abcdef0`, profile: "quick", cpuReference: 1e8, figures: [{ name: "engine paper 200", unit: "tasks/s", better: "higher", median: 3e5 + i * 1e4, iqr: 1e3 }] });
  writeFileSync(history, `${line(1)}\n${line(2)}\n`);
  const chart = await writeHistoryReport(pathToFileURL(history), join(dir, "history"));
  page = {
    dir, stamp: "2026-12-06T18-00-00-000Z", profile: "quick",
    environment: { cpu: "Test CPU", cores: 2, memoryGb: 8, node: "v22", platform: "linux-x64", commit: "0123456789abcdef" },
    load: { start: 3.2, end: 4.1 }, cpuReference: 1.2e8,
    micro: [{ name: "event queue push/pop", unit: "ops/s", better: "higher", median: 2.5e7, iqr: 1e6 }],
    macro: [{ scenario: "paper", policy: "utilization-based", devices: 200, durationS: 60, tasks: 23_000, tasksPerS: 310_000, samples: [] }],
    edgecloudsim: [
      { policy: "hybrid", tasksPerS: 1_200_000, edgeCloudSimTasksPerS: 860, ratio: 1_200_000 / 860, target: 1000 },
      { policy: "network-based", tasksPerS: 1_200_000, edgeCloudSimTasksPerS: 1470, ratio: 1_200_000 / 1470, target: 1000 },
    ],
    peakRssMb: 75.2,
    sweeps: [{ scenario: "paper", out: join(dir, "sweeps", "paper"), exitCode: 0, wallS: 30.5, report: join(report, "index.html") }],
    sweepSettings: [{ scenario: "paper", devices: "200,1000,2000", replicas: 3, durationS: 60, warmupS: 15 }],
    historyChart: chart.chart, wallS: 150,
  };
  writeBenchPage(page);
  if (missing) return;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe("bench history chart", () => {
  it("shows each figure as a speed relative to its first run, after the CPU reference (> 1 faster, either way round)", async () => {
    const history = join(tmp, "speed.jsonl");
    const run = (cpuReference: number, throughput: number, latency: number) => JSON.stringify({
      stamp: "s", commit: "c0123456", profile: "quick", cpuReference,
      figures: [
        { name: "throughput", unit: "tasks/s", better: "higher", median: throughput, iqr: 0 },
        { name: "latency", unit: "ns/task", better: "lower", median: latency, iqr: 0 },
      ],
    });
    // Run 2: the machine twice as fast and both figures twice as good: the code did not change.
    // Run 3: the same machine as run 1, throughput doubled, latency halved: twice as fast.
    writeFileSync(history, `${run(1e8, 100, 50)}\n${run(2e8, 200, 25)}\n${run(1e8, 200, 25)}\n`);
    const out = join(tmp, "speed-history");
    await writeHistoryReport(pathToFileURL(history), out);
    const spec = JSON.parse(readFileSync(join(out, "history.vl.json"), "utf8"));
    const speeds = (name: string) => spec.data.values.filter((v: { figure: string }) => v.figure === name).map((v: { speed: number }) => v.speed);
    expect(speeds("throughput")).toEqual([1, 1, 2]);
    expect(speeds("latency")).toEqual([1, 1, 2]);
  });
});

describe("bench page", () => {
  it("links the reports and the history chart by relative paths and states the load", () => {
    const html = benchPageHtml(page);
    expect(html).toContain('href="sweeps/paper/report/index.html"');
    expect(html).toContain('src="history/history.svg"');
    expect(html).toContain("Load average (1 min) 3.2 at the start and 4.1 at the end");
    expect(html).toContain("3 replicas");
  });

  it.skipIf(missing)("renders in Chromium with no console errors; the chart loads and the report link resolves", async () => {
    const { page: tab, problems } = await openPage(browser!, { width: 1200, height: 900 }, { failedRequests: true });
    await tab.goto(pathToFileURL(join(page.dir, "index.html")).href);
    await tab.waitForLoadState("load");
    expect(await tab.$eval("img.history", (img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
    expect(await tab.locator("h2").allTextContents()).toEqual(["Sweep reports", "Micro-benchmarks", "Macro: simulated tasks per wall second (one core)", "History"]);
    expect(await tab.locator("#macro + table tbody tr").count()).toBe(1);
    // The comparison with EdgeCloudSim says which policy misses its 1000× (816× here) and which meets it (1,400×).
    const ecs = await tab.locator("#edgecloudsim ~ table").first().locator("tbody tr").allTextContents();
    expect(ecs).toHaveLength(2);
    expect(ecs[0]).toContain("1,395×");
    expect(ecs[0]).toContain("met");
    expect(ecs[1]).toContain("816.3×");
    expect(ecs[1]).toContain("below");
    const href = await tab.locator("#reports + table a").first().getAttribute("href");
    expect(existsSync(fileURLToPath(new URL(href!, pathToFileURL(join(page.dir, "index.html")))))).toBe(true);
    const shot = join(tmp, "bench-index.png");
    mkdirSync(dirname(shot), { recursive: true });
    await tab.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    expect(problems).toEqual([]);
    await tab.close();
  });
});
