// A missing .wasm gives an actionable message instead of a bare ENOENT.
import { describe, expect, it } from "vitest";
import { loadKernel, loadKernelSync } from "../src/nn/wasm-kernel.ts";

describe("loading the WASM kernel", () => {
  it("tells the user to run npm run build:wasm when the module is missing", async () => {
    const wasmPath = new URL("./no-such-dir/mecbench.wasm", import.meta.url);
    await expect(loadKernel({ wasmPath })).rejects.toThrow(/not found at .*no-such-dir.*npm run build:wasm/);
    expect(() => loadKernelSync({ wasmPath })).toThrow(/npm run build:wasm/);
  });

  it("loads the release and debug builds, each call a separate instance", async () => {
    const a = await loadKernel();
    const b = loadKernelSync({ debug: true });
    expect(a.abiVersion()).toBe(b.abiVersion());
    expect(a.memory).not.toBe(b.memory);
  });
});
