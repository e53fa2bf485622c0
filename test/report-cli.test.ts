// `mecbench report` end to end: it writes every file it promises and prints their paths; bad
// input (missing directory, no rows, a corrupt line) exits 2 with a message naming file, line and fix.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { reportCommand } from "../src/cli/report.ts";
import { FIXTURE_DIR } from "./fixtures/report/helpers.ts";

const tmp = mkdtempSync(join(tmpdir(), "mecbench-report-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const code = await reportCommand(argv);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

/** A results directory with the fixture's manifest and the given rows.jsonl text. */
function resultsWith(name: string, rows: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  cpSync(join(FIXTURE_DIR, "manifest.json"), join(dir, "manifest.json"));
  writeFileSync(join(dir, "rows.jsonl"), rows);
  return dir;
}

describe("mecbench report", () => {
  it("prints its help", async () => {
    const r = await run("--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Usage: mecbench report <results-dir> [--out DIR]");
  });

  it("writes the charts, index.html and summary.md into <results-dir>/report and prints the paths", async () => {
    const dir = join(tmp, "sweep");
    cpSync(FIXTURE_DIR, dir, { recursive: true });
    const r = await run(dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const paths = r.stdout.trim().split("\n");
    expect(paths.slice(0, 2)).toEqual([join(dir, "report", "index.html"), join(dir, "report", "summary.md")]);
    expect(paths).toHaveLength(2 + 16 * 3);
    for (const p of paths) expect(existsSync(p), p).toBe(true);
    for (const ext of [".vl.json", ".svg", ".png"]) expect(paths).toContain(join(dir, "report", `fig4-service-time${ext}`));
    const md = readFileSync(join(dir, "report", "summary.md"), "utf8");
    expect(md).toContain("| devices | neural-network (expert labels) | neural-network (outcome labels) | almutairi (reconstruction) | utilization-based | sonmez | flores | random |");
    expect(md).toContain("## Reproduction notes");
    expect(md).toMatch(/\| 7 \| task failure rate of sonmez at 2000 devices \| 27 % \| — \| not in this sweep \|/);
    const html = readFileSync(join(dir, "report", "index.html"), "utf8");
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
    expect(html).toContain(JSON.parse(readFileSync(join(FIXTURE_DIR, "manifest.json"), "utf8")).scenario.hash);
  });

  it("honours --out, and leaves out the charts of metrics the sweep lacks", async () => {
    const rows = readFileSync(join(FIXTURE_DIR, "rows.jsonl"), "utf8").split("\n").filter((l) => l.includes('"metric":"service_time_s"'));
    const out = join(tmp, "elsewhere");
    const r = await run(resultsWith("one-metric", `${rows.join("\n")}\n`), "--out", out);
    expect(r.code).toBe(0);
    const files = ["index.html", "summary.md", ...["fig4-service-time", "fig4-service-time-others"].flatMap((c) => [`${c}.vl.json`, `${c}.svg`, `${c}.png`])];
    expect(r.stdout.trim().split("\n")).toEqual(files.map((f) => join(out, f)));
  });

  it("exits 2 naming the directory when it does not exist", async () => {
    const r = await run(join(tmp, "nope"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(join(tmp, "nope"));
    expect(r.stderr).toContain("mecbench sweep");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 2 when there are no rows", async () => {
    const r = await run(resultsWith("empty", ""));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("rows.jsonl");
    expect(r.stderr).toContain("no rows");
  });

  it("exits 2 naming the corrupt line of rows.jsonl and the fix", async () => {
    const good = readFileSync(join(FIXTURE_DIR, "rows.jsonl"), "utf8").split("\n").slice(0, 2);
    const r = await run(resultsWith("corrupt", `${good.join("\n")}\n{"sweep": "x", "devi\n`));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("rows.jsonl");
    expect(r.stderr).toContain("line 3");
    expect(r.stderr).toContain("Fix:");
    const r2 = await run(resultsWith("badvalue", `${good[0]}\n${good[1]!.replace(/"value":[^,]+/, '"value":"fast"')}\n`));
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain("line 2: value");
  });

  it("exits 2 on a missing or unknown argument", async () => {
    expect((await run()).code).toBe(2);
    const r = await run(FIXTURE_DIR, "--bogus");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--help");
  });
});
