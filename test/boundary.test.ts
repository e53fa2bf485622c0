// The JS/WASM boundary is declared once (src/engine/wasm/boundary.ts): the generated AssemblyScript
// constants are up to date, the layout's version follows the declaration, and the encoder writes
// every record in the declared order.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  INPUT_APP, INPUT_HEAD, INPUT_VERSION, METRIC_FIELD, METRIC_FIELDS, POLICY_IDS, layoutHash,
} from "../src/engine/wasm/boundary.ts";
import { encodeInput } from "../src/engine/wasm/encode.ts";
import { loadScenario } from "../src/scenario/load.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

describe("the boundary declaration", () => {
  it("assembly/kernel/layout.gen.ts is what scripts/gen-boundary.ts generates from it", () => {
    // --check exits 1 (execFileSync throws) when the committed file is stale.
    const run = () => execFileSync("npx", ["tsx", "scripts/gen-boundary.ts", "--check"], { cwd: ROOT, stdio: "pipe" });
    expect(run).not.toThrow();
  });

  it("derives INPUT_VERSION from the layout: reordering two fields changes it", () => {
    expect(Number.isInteger(INPUT_VERSION) && INPUT_VERSION >= 0 && INPUT_VERSION < 2 ** 31).toBe(true);
    const swapped = [INPUT_APP[1], INPUT_APP[0], ...INPUT_APP.slice(2)];
    expect(layoutHash({ INPUT_APP: swapped })).not.toBe(layoutHash({ INPUT_APP }));
    expect(layoutHash({ INPUT_APP })).toBe(layoutHash({ INPUT_APP: [...INPUT_APP] }));
  });

  it("names each policy id, each metric field and each input field once", () => {
    const ids = Object.values(POLICY_IDS);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(METRIC_FIELDS).size).toBe(METRIC_FIELDS.length);
    expect(METRIC_FIELD.minDuration).toBe(METRIC_FIELDS.length - 1);
    expect(new Set(INPUT_HEAD).size).toBe(INPUT_HEAD.length);
    expect(new Set(INPUT_APP).size).toBe(INPUT_APP.length);
  });
});

describe("the exports' declaration (build/mecbench.d.ts, src/kernel/wasm-exports.ts)", () => {
  // The host calls the raw instance, while AssemblyScript declares its exports as its adapting
  // bindings would lift them: the two agree only while every export takes and returns numbers.
  const dts = readFileSync(resolve(ROOT, "build/mecbench.d.ts"), "utf8");
  const signatures = [...dts.matchAll(/export function (\w+)\(([^)]*)\): ([^;]+);/g)];

  it("declares the engine's, the view's and the MLP kernel's exports", () => {
    const names = new Set(signatures.map((m) => m[1]));
    for (const name of ["engineCreate", "engineRun", "engineTaskColumnPtr", "viewFeasibilityTier", "viewEstimateServiceS", "mlpForwardSimd", "testQueueInit"])
      expect(names.has(name), name).toBe(true);
  });

  it("has only numbers across the boundary (no boolean, bigint, string or array)", () => {
    expect(signatures.length).toBeGreaterThan(50);
    const off = signatures.filter((m) => /boolean|bigint|string|Array|ArrayBuffer/.test(`${m[2]} ${m[3]}`)).map((m) => m[1]);
    expect(off).toEqual([]);
  });
});

describe("the encoder follows the declaration", () => {
  const { scenario } = loadScenario("paper");
  const config = { devices: 123, seed: 7, durationS: 45, warmupS: 5 };
  const input = encodeInput(scenario, config, { id: POLICY_IDS["utilization-based"], params: [70], statNames: [] });
  const head = (name: (typeof INPUT_HEAD)[number]) => input[INPUT_HEAD.indexOf(name)];

  it("writes the head in the declared order", () => {
    expect(head("inputVersion")).toBe(INPUT_VERSION);
    expect(head("devices")).toBe(123);
    expect(head("seed")).toBe(7);
    expect(head("durationS")).toBe(45);
    expect(head("warmupS")).toBe(5);
    expect(head("batchIntervalS")).toBe(scenario.orchestration.batchIntervalS);
  });

  it("writes each app's record in the declared order after the app count", () => {
    const apps = scenario.workload.apps;
    expect(input[INPUT_HEAD.length]).toBe(apps.length);
    apps.forEach((app, i) => {
      const at = (name: (typeof INPUT_APP)[number]) => input[INPUT_HEAD.length + 1 + i * INPUT_APP.length + INPUT_APP.indexOf(name)];
      expect(at("lengthMi")).toBe(app.lengthMi);
      expect(at("memoryMb")).toBe(app.memoryMb);
      expect(at("requiredCores")).toBe(app.requiredCores);
    });
  });

  it("ends with the policy id, its parameter count and its parameters", () => {
    expect(Array.from(input.slice(-3))).toEqual([POLICY_IDS["utilization-based"], 1, 70]);
  });
});
