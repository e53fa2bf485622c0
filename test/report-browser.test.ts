// index.html in a real browser (headless Chromium via playwright-core): every chart renders, no
// console errors, and the page makes no request beyond its own file (vega & co. are inlined). Both
// worlds: the committed paper fixture, and an EdgeCloudSim-world sweep made here, screenshotted.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeReport, type WrittenReport } from "../src/report/write-report.ts";
import { FIXTURE_DIR } from "./fixtures/report/helpers.ts";
import { SMALL_FIXTURE, writeResultsDir } from "./fixtures/report/make-fixture.ts";
import { CHROMIUM, chromiumMissing, launchChromium, openPage } from "./helpers/chromium.ts";

const missing = chromiumMissing;
if (missing) console.warn(`report-browser.test.ts skipped: ${CHROMIUM} not found (install it with: apt-get install -y chromium)`);

const tmp = mkdtempSync(join(tmpdir(), "mecbench-report-browser-"));
let browser: Browser | undefined;
let report: WrittenReport;

beforeAll(async () => {
  if (missing) return;
  report = await writeReport(FIXTURE_DIR, join(tmp, "report"));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe("report page in Chromium", () => {
  it.skipIf(missing)("renders every chart with no console errors and no network", async () => {
    const { page, problems } = await openPage(browser!, { width: 1300, height: 900 });
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    const url = pathToFileURL(join(report.outDir, "index.html")).href;
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.chartsRendered === "true", null, { timeout: 30_000 });

    const ids = report.model.charts.map((c) => `chart-${c.id}`);
    const rendered = await page.$$eval("div.chart", (els) => els.map((e) => ({ id: e.id, ok: e.querySelector("svg, canvas") !== null })));
    expect(rendered.map((r) => r.id)).toEqual(ids);
    for (const r of rendered) expect(r.ok, r.id).toBe(true);
    // Text drawn by vega inside the first chart: its axis title.
    expect(await page.locator("#chart-fig4-service-time svg").textContent()).toContain("Mean service time (s, log scale)");
    expect(await page.locator("table.claims tbody tr").count()).toBe(report.model.claims.length);
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });

  it.skipIf(missing)("the EdgeCloudSim-world report renders with the paper's values and no console errors (screenshot)", async () => {
    const results = join(tmp, "app4-results");
    writeResultsDir(results, { ...SMALL_FIXTURE, scenario: "edgecloudsim-app4", devices: [200, 1000], durationS: 60, warmupS: 20 });
    const app4 = await writeReport(results, join(tmp, "app4-report"));
    const { page, problems } = await openPage(browser!, { width: 1300, height: 900 });
    await page.goto(pathToFileURL(join(app4.outDir, "index.html")).href);
    await page.waitForFunction(() => document.body.dataset.chartsRendered === "true", null, { timeout: 30_000 });
    // Figures 4-8 of this world carry the paper's baseline values (the markers' legend in the caption).
    expect(await page.locator("#chart-fig7-failed-tasks svg").textContent()).toContain("Failed tasks");
    expect(await page.locator("body").textContent()).toContain("values printed in the paper");
    const shot = await page.screenshot({ fullPage: true, path: join(tmp, "app4-report.png") });
    expect(shot.length).toBeGreaterThan(10_000);
    expect(problems).toEqual([]);
    await page.close();
  });
});
