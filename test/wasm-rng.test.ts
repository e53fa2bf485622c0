// The WASM engine's logarithm is bit-identical to V8's Math.log (assembly/kernel/math.ts, a port of
// fdlibm): the exponential sampler, and so every trajectory, depends on it.
import { describe, expect, it } from "vitest";
import { WasmEngine } from "../src/engine/wasm/engine.ts";
import { StreamSet } from "../src/kernel/random.ts";

describe("WASM ln", () => {
  const ln = new WasmEngine().exports.testLn;
  it("equals Math.log on the sampler's domain (0, 1] and across the whole double range", () => {
    const rng = new StreamSet(1, "ln-test", 1);
    const f = new Float64Array(1);
    const w = new Uint32Array(f.buffer);
    let mismatches = 0;
    for (let i = 0; i < 300_000; i++) {
      const u = 1 - rng.uniform(0);
      if (!Object.is(ln(u), Math.log(u))) mismatches++;
      w[0] = rng.nextU32(0);
      w[1] = rng.nextU32(0) % 0x7ff00000;
      if (!Object.is(ln(f[0]!), Math.log(f[0]!))) mismatches++;
      const near1 = 1 + (rng.uniform(0) - 0.5) * 1e-5;
      if (!Object.is(ln(near1), Math.log(near1))) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it("handles the special values as Math.log does", () => {
    for (const x of [0, -0, -1, 1, 2, 0.5, Infinity, -Infinity, NaN, 5e-324, Number.MAX_VALUE, 1 - 2 ** -53, 2 ** -1022]) {
      expect(Object.is(ln(x), Math.log(x)), String(x)).toBe(true);
    }
  });
});
