// Issue #18's corpus of bad input, one case each: every one exits 2 with a message naming the
// flag, path or file and the fix, prints no stack trace and leaves no output file. Most cases call
// the CLI in-process (main); the ones that used to kill Node or abort the engine are spawned, so a
// native crash or a V8 fatal error would show as an exit code other than 2.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../src/cli/main.ts";
import { EngineMemoryError } from "../src/engine/wasm/engine.ts";
import { loadResults } from "../src/report/results.ts";
import { summaryMarkdown } from "../src/report/markdown.ts";
import { buildReport } from "../src/report/write-report.ts";
import { InputError } from "../src/scenario/errors.ts";
import { findJsonSyntaxError } from "../src/scenario/json-error.ts";
import { LIMITS, maxDurationS } from "../src/scenario/limits.ts";
import { loadScenario } from "../src/scenario/load.ts";
import { BIN } from "./helpers/cli.ts";

const FIXTURE_DIR = new URL("./fixtures/report/paper-small", import.meta.url).pathname;
const STACK = /\n\s+at |RuntimeError|FATAL|MECBENCH_DEBUG|Allocation too large/;

/** A fresh empty folder; commands run with it as cwd so any stray output would show up in it. */
const freshDir = () => mkdtempSync(join(tmpdir(), "mecbench-bad-"));

function spawn(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd, timeout: 30_000, env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, err: r.stderr, out: r.stdout };
}

let stderr: ReturnType<typeof vi.spyOn>;
let stdout: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  stdout = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
});
afterEach(() => {
  stderr.mockRestore();
  stdout.mockRestore();
});

async function cli(...args: string[]): Promise<{ code: number; err: string }> {
  stderr.mockClear();
  const code = await main(args);
  return { code, err: stderr.mock.calls.map((c: unknown[]) => String(c[0])).join("") };
}

function scenarioFile(dir: string, edit: (s: Record<string, any>) => void, name = "s.json"): string {
  const s = JSON.parse(JSON.stringify(loadScenario("paper").scenario));
  edit(s);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(s, null, 2));
  return path;
}

describe("no upper limits (issue #18)", () => {
  it("run --devices 1e12: exit 2 naming --devices, the limit and the fix (spawned)", () => {
    const dir = freshDir();
    const r = spawn(["run", "--scenario", "paper", "--policy", "random", "--devices", "1e12"], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--devices: more than 100 000 devices per run .*found 1000000000000.*Fix: use at most 100 000 devices/);
    expect(r.err).not.toMatch(STACK);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a scenario with deviceCounts [1e9]: exit 2 naming deviceCounts[0]", async () => {
    const dir = freshDir();
    const file = scenarioFile(dir, (s) => (s.deviceCounts = [1e9]));
    const r = await cli("run", "--scenario", file, "--policy", "random");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/deviceCounts\[0\]: more than 100 000 devices per run .*Fix: use at most/);
    expect(readdirSync(dir)).toEqual(["s.json"]);
  });

  it("sweep --devices 1:1000000000:1: exit 2 before the range is expanded, no manifest or rows (spawned)", () => {
    const dir = freshDir();
    const r = spawn(["sweep", "--scenario", "paper", "--devices", "1:1000000000:1", "--out", "out"], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--devices: more than 10 000 sweep points .*Fix: use a larger step/);
    expect(r.err).not.toMatch(STACK);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("sweep with too many units, or a device count past the limit: exit 2, nothing written", async () => {
    const dir = freshDir();
    const out = join(dir, "out");
    let r = await cli("sweep", "--scenario", "paper", "--replicas", "1000000", "--out", out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--replicas: more than 50 000 units/);
    r = await cli("sweep", "--scenario", "paper", "--devices", "200,1000000", "--out", out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--devices: more than 100 000 devices per run/);
    expect(existsSync(out)).toBe(false);
  });

  it("train --samples 1000000000000: exit 2 naming --samples, no model folder (spawned)", () => {
    const dir = freshDir();
    const r = spawn(["train", "--scenario", "paper", "--samples", "1000000000000", "--out", "m"], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--samples: more than 1 000 000 training samples .*Fix: give --samples at most 1 000 000/);
    expect(r.err).not.toMatch(STACK);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("--duration-s 1e308: exit 2 at once, naming the flag and the scenario's smallest step", async () => {
    const r = await cli("run", "--scenario", "paper", "--policy", "random", "--duration-s", "1e308");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--duration-s: longer than 4\.504e\+14 s, .*orchestration\.batchIntervalS = 0\.1 s.*Fix: simulate at most 4\.504e\+14 s/);
    const sweep = await cli("sweep", "--scenario", "paper", "--duration-s", "1e308", "--out", join(freshDir(), "o"));
    expect(sweep.code).toBe(2);
    expect(sweep.err).toMatch(/--duration-s: longer than/);
  });

  it("a duration the clock can take but the event queue cannot number is refused, naming the rate behind it", async () => {
    const r = await cli("run", "--scenario", "paper", "--policy", "random", "--devices", "2000", "--duration-s", "1e7");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--duration-s: about .* events .*mostly from workload\.apps\[\d\]\.arrival\.minIntervalS.*2\^35/);
  });

  it("the longest simulated time is the smallest step times 2^52 (where t + step still differs from t)", () => {
    const s = loadScenario("paper").scenario;
    const { maxS, stepS } = maxDurationS(s);
    expect(maxS + stepS).toBeGreaterThan(maxS); // still advances at the limit
    expect(maxS * 4 + stepS).toBe(maxS * 4); // stuck two binades later
  });

  it("an engine that runs out of memory reports an InputError, not an abort", () => {
    const e = new EngineMemoryError({ devices: 90000, seed: 1, durationS: 1e6, warmupS: 0 }, 4 * 2 ** 30, new WebAssembly.RuntimeError("memory access out of bounds"));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toMatch(/outgrew the engine's memory .*Fix: use fewer devices/);
    expect(LIMITS.devicesPerRun).toBeLessThan(90000 * 10);
  });
});

describe("files that are not files (issue #18)", () => {
  it("a directory given as a scenario names the path, exit 2", async () => {
    const dir = freshDir();
    mkdirSync(join(dir, "scenario.json"));
    const r = await cli("run", "--scenario", join(dir, "scenario.json"), "--policy", "random");
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${join(dir, "scenario.json")}: 1 problem`);
    expect(r.err).toMatch(/--scenario: is a directory, not a file/);
    expect(r.err).not.toMatch(/EISDIR/);
  });

  it("a UTF-8 byte-order mark before valid JSON is accepted", async () => {
    const dir = freshDir();
    const file = join(dir, "bom.json");
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(loadScenario("paper").scenario))]));
    expect((await cli("validate", file)).code).toBe(0);
    expect(loadScenario(file).hash).toBe(loadScenario("paper").hash);
  });

  it("empty, UTF-16 and non-UTF-8 files name the path and the problem", async () => {
    const dir = freshDir();
    const cases: [string, Buffer, RegExp][] = [
      ["empty.json", Buffer.alloc(0), /is empty/],
      ["utf16.json", Buffer.from("\ufeff{}", "utf16le"), /is UTF-16 text .*Fix: save it as UTF-8/],
      ["latin1.json", Buffer.from('{\n"name": "caf\xe9"}', "latin1"), /is not UTF-8 text \(byte 0xe9 at offset 14, line 2\).*Fix: save it as UTF-8/],
    ];
    for (const [name, bytes, pattern] of cases) {
      writeFileSync(join(dir, name), bytes);
      const r = await cli("validate", join(dir, name));
      expect(r.code, name).toBe(2);
      expect(r.err, name).toContain(join(dir, name));
      expect(r.err, name).toMatch(pattern);
    }
  });

  it.skipIf(process.getuid?.() === 0)("an unreadable file names the path", async () => {
    const dir = freshDir();
    const file = scenarioFile(dir, () => {});
    chmodSync(file, 0o000);
    const r = await cli("validate", file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot be read \(permission denied\)/);
  });

  it("JSON syntax errors give line and column, whatever the Node version says", async () => {
    const dir = freshDir();
    const cases: [string, string, string][] = [
      ['{\n  "a": 1,\n}', "line 3, column 1", 'expected a double-quoted property name'],
      ['{\n  "a": tru\n}', "line 2, column 11", 'expected "true", found "\\n"'],
      ['{\n  "a": [1, 2\n', "line 3, column 1", 'expected "," or "]", found the end of the file'],
      ['{"a": 1} x', "line 1, column 10", "expected the end of the file"],
      ['{"a": "b\u0001"}', "line 1, column 9", "control character"],
    ];
    for (const [text, where, what] of cases) {
      const file = join(dir, "broken.json");
      writeFileSync(file, text);
      const r = await cli("validate", file);
      expect(r.code, text).toBe(2);
      expect(r.err, text).toContain(`${where}: not valid JSON: ${what}`);
      expect(() => JSON.parse(text)).toThrow(); // the scan agrees with JSON.parse on validity
    }
    expect(findJsonSyntaxError(JSON.stringify(loadScenario("edgecloudsim-app4").scenario, null, 2))).toBeUndefined();
  });
});

describe("flags (issue #18)", () => {
  it("did you mean, for every command", async () => {
    const cases: [string[], string][] = [
      [["run", "--scenario", "paper", "--policy", "random", "--sead", "3"], "--sead: unknown flag (did you mean --seed?)"],
      [["report", FIXTURE_DIR, "--outt", "x"], "--outt: unknown flag (did you mean --out?)"],
      [["train", "--epoch", "3"], "--epoch: unknown flag (did you mean --epochs?)"],
      [["validate", "paper", "--hepl"], "--hepl: unknown flag (did you mean --help?)"],
      [["schema", "--ot", "x"], "--ot: unknown flag (did you mean --out?)"],
      [["policies", "--hlep"], "--hlep: unknown flag (did you mean --help?)"],
      [["import-edgecloudsim", "--propertes", "x"], "--propertes: unknown flag (did you mean --properties?)"],
      [["merge", "a", "--ou", "x"], "--ou: unknown flag (did you mean --out?)"],
      [["sweep", "--scenaro", "paper"], "--scenaro: unknown flag (did you mean --scenario?)"],
    ];
    for (const [argv, text] of cases) {
      const r = await cli(...argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.err, argv.join(" ")).toContain(text);
    }
    expect(existsSync("x")).toBe(false);
  });

  it("--devices -5 gets the flag's own message, not Node's 'ambiguous' text", async () => {
    for (const command of ["run", "sweep"]) {
      const r = await cli(command, "--scenario", "paper", "--policy", "random", "--devices", "-5");
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/--devices/);
      expect(r.err).not.toMatch(/ambiguous|To specify/);
    }
    const run = await cli("run", "--scenario", "paper", "--policy", "random", "--devices", "-5");
    expect(run.err).toContain('--devices: not an integer ≥ 1 (found "-5"). Fix: give --devices an integer ≥ 1');
  });

  it("seeds above 2^53 − 1 are refused by every command, not rounded", async () => {
    const big = "9007199254740993";
    for (const argv of [
      ["run", "--scenario", "paper", "--policy", "random", "--devices", "5", "--seed", big],
      ["sweep", "--scenario", "paper", "--seed", big],
      ["train", "--seed", big],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv[0]).toBe(2);
      expect(r.err, argv[0]).toMatch(/--seed: above 2\^53 − 1 = 9007199254740991.*Fix: give --seed an integer ≤ 9007199254740991/);
    }
  });

  it("fix hints are grammatical", async () => {
    const dir = freshDir();
    const file = scenarioFile(dir, (s) => {
      s.deviceCounts = ["many"];
      s.edge.hosts[0].vms[0].cores = 1.5;
    });
    const r = await cli("validate", file);
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/\ba int\b|\ba integer\b|\ba object\b|\ba array\b/);
    expect(r.err).toMatch(/give a number/);
    const flag = await cli("run", "--scenario", "paper", "--policy", "random", "--devices", "2.5");
    expect(flag.err).toContain("give --devices an integer ≥ 1");
  });

  it("a value-taking flag at the end, or a flag given twice, is a clear problem", async () => {
    let r = await cli("run", "--scenario", "paper", "--policy");
    expect(r.code).toBe(2);
    expect(r.err).toContain("--policy: needs a value");
    r = await cli("run", "--scenario", "paper", "--policy", "random", "--seed", "1", "--seed", "2");
    expect(r.code).toBe(2);
    expect(r.err).toContain("--seed: given twice");
  });
});

describe("escaping (issue #18)", () => {
  it("summary.md shows a scenario name with HTML and link syntax literally", () => {
    const name = "<script>alert(1)</script> [x](http://example.com/a.png)";
    const results = loadResults(FIXTURE_DIR);
    const md = summaryMarkdown(buildReport({ ...results, scenarioName: name }));
    expect(md).not.toContain("<script>");
    expect(md).not.toContain("[x](http");
    expect(md).toContain("&lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](http://example.com/a.png)");
    expect(md.split("\n")[0]).toBe("# mecbench report: scenario &lt;script&gt;alert(1)&lt;/script&gt; \\[x\\](http://example.com/a.png)");
  });

  it("the committed report fixture reads unchanged where nothing needs escaping", () => {
    const md = summaryMarkdown(buildReport(loadResults(FIXTURE_DIR)));
    expect(md.split("\n")[0]).toBe("# mecbench report: scenario paper");
    expect(readFileSync(join(FIXTURE_DIR, "manifest.json"), "utf8")).toContain('"name": "paper"');
  });
});

describe("output paths (issue #18: nothing half-written)", () => {
  it("a file flag naming a folder, or a folder flag naming a file, is refused before any work", async () => {
    const dir = freshDir();
    const file = join(dir, "a-file");
    writeFileSync(file, "x");
    const cases: [string[], string][] = [
      [["schema", "--out", dir], "--out: is a folder, not a file"],
      [["schema", "--out", join(dir, "no/such/folder.json")], "--out: its folder"],
      [["sweep", "--scenario", "paper", "--out", file], "--out: is a file, not a folder"],
      [["report", FIXTURE_DIR, "--out", file], "--out: is a file, not a folder"],
      [["train", "--scenario", "paper", "--out", file], "--out: is a file, not a folder"],
      [["merge", dir, "--out", file], "--out: is a file, not a folder"],
    ];
    for (const [argv, text] of cases) {
      const r = await cli(...argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.err, argv.join(" ")).toContain(text);
    }
    expect(readdirSync(dir)).toEqual(["a-file"]);
  });

  it("an unknown command gets a suggestion", async () => {
    const r = await cli("sweeep");
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command "sweeep" (did you mean sweep?)');
  });
});
