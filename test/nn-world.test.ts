// Models follow the world, not its name: the world fingerprint, the model set chosen by it, the
// refusal (and allowForeignModel) for a world no set was trained for, the models a run and a sweep
// record, and the report treating an imported sample_app4 as the edgecloudsim-app4 world.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { worldDifferences, worldFingerprint } from "../src/scenario/fingerprint.ts";
import { loadScenario } from "../src/scenario/load.ts";
import { presetWorldOf } from "../src/scenario/preset-world.ts";
import { loadResults } from "../src/report/results.ts";
import { buildReport } from "../src/report/write-report.ts";
import { mecbench } from "./helpers/cli.ts";

const tmp = mkdtempSync(join(tmpdir(), "mecbench-nn-world-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const fixture = new URL("./fixtures/edgecloudsim/sample_app4/", import.meta.url).pathname;
/** EdgeCloudSim's sample_app4 files imported under another name. */
function importedApp4(): string {
  const path = join(tmp, "my-app4.json");
  const r = mecbench("import-edgecloudsim", "--properties", join(fixture, "default_config.properties"), "--applications", join(fixture, "applications.xml"),
    "--edge-devices", join(fixture, "edge_devices.xml"), "--name", "my-app4", "--out", path);
  expect(r.code, r.err).toBe(0);
  return path;
}
/** The edgecloudsim-app4 preset with only its first 5 edge hosts: a world no model set was trained for. */
function fiveHosts(): string {
  const s = JSON.parse(readFileSync(new URL("../src/scenario/presets/edgecloudsim-app4.json", import.meta.url), "utf8"));
  s.name = "five-hosts";
  s.edge.hosts = s.edge.hosts.slice(0, 5);
  const path = join(tmp, "five-hosts.json");
  writeFileSync(path, JSON.stringify(s));
  return path;
}
const short = ["--duration-s", "200", "--warmup-s", "20"];
const runJson = (scenario: string, ...extra: string[]) =>
  mecbench("run", "--scenario", scenario, "--policy", "neural-network", "--devices", "200", "--seed", "4", ...short, "--format", "json", ...extra);

describe("world fingerprint", () => {
  it("ignores name, description, device counts, run length and policy options; sees the infrastructure", () => {
    const app4 = loadScenario("edgecloudsim-app4").scenario;
    const renamed = { ...app4, name: "x", description: "y", deviceCounts: [7], simulation: { ...app4.simulation, durationS: 5, warmupS: 1 }, policyOptions: { random: {} } };
    expect(worldFingerprint(renamed)).toBe(worldFingerprint(app4));
    expect(worldFingerprint(loadScenario("paper").scenario)).not.toBe(worldFingerprint(app4));
    const five = { ...app4, edge: { hosts: app4.edge.hosts.slice(0, 5) } };
    expect(worldFingerprint(five)).not.toBe(worldFingerprint(app4));
    expect(worldDifferences(app4, five)).toEqual(["edge.hosts: 14 vs 5 items"]);
  });

  it("an imported sample_app4, under any name, has the edgecloudsim-app4 world", () => {
    const imported = loadScenario(importedApp4()).scenario;
    expect(imported.name).toBe("my-app4");
    expect(presetWorldOf(imported)).toBe("edgecloudsim-app4");
  });

  it("the committed model sidecars record their preset's world", () => {
    for (const preset of ["paper", "edgecloudsim-app4"] as const) {
      const fp = worldFingerprint(loadScenario(preset).scenario);
      for (const f of ["tier-selection", "tier-selection-outcome", "tier-selection-rl", "vm-compatibility"]) {
        const sidecar = JSON.parse(readFileSync(new URL(`../models/${preset}/${f}.json`, import.meta.url), "utf8"));
        expect(sidecar.worldFingerprint, `${preset}/${f}`).toBe(fp);
      }
    }
  });
});

describe("neural-network picks its models by world", () => {
  it("an imported sample_app4 runs the edgecloudsim-app4 models: the preset's result but for name and hash", () => {
    const mine = runJson(importedApp4());
    const preset = runJson("edgecloudsim-app4");
    expect(mine.code, mine.err).toBe(0);
    expect(preset.code, preset.err).toBe(0);
    expect(mine.err).toBe("");
    const strip = (text: string) => {
      const { scenario: _s, scenarioHash: _h, wallS: _w, ...rest } = JSON.parse(text);
      return rest;
    };
    const a = strip(mine.out);
    expect(a).toEqual(strip(preset.out));
    expect(a.models.map((m: { path: string; world: string }) => [m.path, m.world])).toEqual([
      ["models/edgecloudsim-app4/tier-selection.onnx", "matched"],
      ["models/edgecloudsim-app4/vm-compatibility.onnx", "matched"],
    ]);
    for (const m of a.models) expect(m.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("a world no set was trained for exits 2 naming the closest set, the differences and both fixes", () => {
    const r = runJson(fiveHosts());
    expect(r.code).toBe(2);
    expect(r.err).toContain("the closest model set is models/edgecloudsim-app4");
    expect(r.err).toContain("edge.hosts: 14 vs 5 items");
    expect(r.err).toContain("--option modelDir=models/edgecloudsim-app4");
    expect(r.err).toContain("mecbench train --scenario <file>");
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("allowForeignModel=true runs the closest set with one warning, and the run says the world is foreign", () => {
    const r = runJson(fiveHosts(), "--option", "allowForeignModel=true");
    expect(r.code, r.err).toBe(0);
    expect(r.err.match(/warning:/g)).toHaveLength(1);
    expect(r.err).toMatch(/^warning: neural-network: no model set was trained for this scenario's world/);
    expect(JSON.parse(r.out).models.map((m: { world: string }) => m.world)).toEqual(["foreign", "foreign"]);
  });

  it("a model set given explicitly runs without a warning; its world is recorded (foreign here)", () => {
    const r = runJson("edgecloudsim-app4", "--option", "modelDir=models/paper");
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe("");
    const models = JSON.parse(r.out).models;
    expect(models.map((m: { path: string; world: string }) => [m.path, m.world])).toEqual([
      ["models/paper/tier-selection.onnx", "foreign"], ["models/paper/vm-compatibility.onnx", "foreign"],
    ]);
  });
});

describe("a sweep of an imported sample_app4", () => {
  it("equals the preset's sweep, records the edgecloudsim-app4 model files, and its report draws the paper's values", () => {
    const sweep = (scenario: string, out: string) =>
      mecbench("sweep", "--scenario", scenario, "--policies", "neural-network", "--devices", "200,1200", "--replicas", "1", ...short, "--workers", "2", "--out", out);
    const mineDir = join(tmp, "sweep-mine"), presetDir = join(tmp, "sweep-preset");
    const a = sweep(importedApp4(), mineDir);
    expect(a.code, a.err).toBe(0);
    expect(sweep("edgecloudsim-app4", presetDir).code).toBe(0);
    const values = (dir: string) => readFileSync(join(dir, "rows.jsonl"), "utf8").trim().split("\n").map((l) => {
      const { sweep: _s, scenario: _n, scenarioHash: _h, ...rest } = JSON.parse(l);
      return rest;
    });
    expect(values(mineDir)).toEqual(values(presetDir));
    const manifest = JSON.parse(readFileSync(join(mineDir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.models)).toEqual(["models/edgecloudsim-app4/tier-selection.onnx", "models/edgecloudsim-app4/vm-compatibility.onnx"]);
    for (const hash of Object.values(manifest.models)) expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.modelsUsed.map((m: { policy: string; world: string }) => [m.policy, m.world])).toEqual([["neural-network", "matched"], ["neural-network", "matched"]]);

    const results = loadResults(mineDir);
    expect(results.world).toBe("edgecloudsim-app4");
    const report = buildReport(results);
    expect(report.intro.join("\n")).toContain('Scenario "my-app4" has the world of the edgecloudsim-app4 preset');
    expect(report.intro.join("\n")).not.toContain("neither the paper's world");
    // The paper's markers are on Figure 4 (its printed values at 200 devices fall in this sweep's range).
    const fig4 = report.charts.find((c) => c.id.startsWith("fig4"))!;
    expect(JSON.stringify(fig4.spec)).toContain('"marker":"paper (reported)"');
    const facts = Object.fromEntries(report.facts);
    expect(facts["models loaded (sha256)"]).toContain("models/edgecloudsim-app4/tier-selection.onnx");
  });
});
