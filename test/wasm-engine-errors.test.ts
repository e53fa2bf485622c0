// The WASM engine's failure modes say what to do: a missing or stale build, an input written for
// another layout, a run before a replica exists.
import { describe, expect, it } from "vitest";
import { WasmEngine } from "../src/engine/wasm/engine.ts";
import { POLICY_IDS, RUN_ERRORS } from "../src/engine/wasm/boundary.ts";
import { encodeInput } from "../src/engine/wasm/encode.ts";
import { loadScenario } from "../src/scenario/load.ts";

describe("WASM engine errors", () => {
  it("a missing module names the path and the build command", () => {
    expect(() => new WasmEngine({ wasmPath: "/nonexistent/mecbench.wasm" })).toThrow(/not found at .*npm run build:wasm/);
  });

  it("an input of another layout is rejected before anything is built", () => {
    const ex = new WasmEngine().exports;
    ex.engineReset();
    const ptr = ex.engineInputPtr(4);
    new Float64Array(ex.memory.buffer, ptr, 4).set([999, 1e9, 1, 1]);
    expect(ex.engineCreate()).toBe(-1);
    expect(RUN_ERRORS[-1]).toMatch(/build:wasm/);
    expect(ex.engineRun()).toBe(-3);
  });

  it("a built-in policy's parameters must be read to the end: one too few or one too many refuses the input", () => {
    const ex = new WasmEngine().exports;
    const scenario = loadScenario("paper").scenario;
    const create = (params: number[]) => {
      const input = encodeInput(scenario, { devices: 10, seed: 1, durationS: 10, warmupS: 0 }, { id: POLICY_IDS["utilization-based"], params, statNames: [] });
      ex.engineReset();
      const ptr = ex.engineInputPtr(input.length);
      new Float64Array(ex.memory.buffer, ptr, input.length).set(input);
      return ex.engineCreate();
    };
    expect(create([80])).toBe(0); // [thresholdPct]
    expect(create([])).toBe(-1);
    expect(create([80, 1])).toBe(-1);
  });
});
