// Debian's headless Chromium for the page tests (playwright-core drives it; no browser download).
// The flags keep it off the network this machine does not have; a missing binary skips the tests.
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const chromiumMissing = !existsSync(CHROMIUM);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * A new tab and the problems it reports as they happen: console errors and page errors, and with
 * failedRequests the requests that failed (a page test expects the list to stay empty).
 */
export async function openPage(browser: Browser, viewport: { width: number; height: number }, opts: { failedRequests?: boolean } = {}): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console.error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  if (opts.failedRequests) page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  return { page, problems };
}
