// neural-network with backend=onnx inside the engine: Algorithm 1 and the features stay in WASM, and
// only the forward passes go to onnxruntime-web on the host (src/engine/wasm/policies.ts
// onnxForward, assembly/engine/host.ts forward). The committed ONNX graphs hold the same MLPs as
// the wasm backend's weights, so the decisions can only differ where onnxruntime's float32 sums
// round differently from the kernel's.
import { describe, expect, it } from "vitest";
import { runReplica } from "../src/engine/run.ts";
import { WasmEngine } from "../src/engine/wasm/engine.ts";
import { nativePolicy } from "../src/engine/wasm/policies.ts";
import { createRegistry } from "../src/policies/registry.ts";
import { loadScenario } from "../src/scenario/load.ts";

const nn = createRegistry().get("neural-network");

describe("neural-network backend=onnx in the engine", () => {
  it("binds natively with a host forward pass, and each pass gets whole rows of the network's width", () => {
    const app4 = loadScenario("edgecloudsim-app4");
    const native = nativePolicy(nn, { backend: "onnx" }, app4.scenario)!;
    const calls: { net: number; n: number }[] = [];
    const forward = native.hooks!.forward!;
    native.hooks = { forward: (net, input, n, output, memory) => (calls.push({ net, n }), forward(net, input, n, output, memory)) };
    const wasm = new WasmEngine();
    const out = wasm.run(app4.scenario, { devices: 200, seed: 2, durationS: 40, warmupS: 0 }, { native });
    expect(out.completed).toBeGreaterThan(0);
    expect(calls.some((c) => c.net === 0 && c.n === 1)).toBe(true); // TierSelectionNN: one row per task
    expect(calls.some((c) => c.net === 1 && c.n > 1)).toBe(true); // VMCompatibilityNN: every VM of the tier
    // The engine's counters see the same passes.
    const tierRuns = out.policyStats[3]!, vmRuns = out.policyStats[4]!;
    expect(calls.filter((c) => c.net === 0).length).toBe(tierRuns);
    expect(calls.filter((c) => c.net === 1).length).toBe(vmRuns);
  });

  it("on edgecloudsim-app4 it decides as the wasm backend (same networks, the sums round alike there)", () => {
    const app4 = loadScenario("edgecloudsim-app4");
    const o = { devices: 300, seed: 3, durationS: 120, warmupS: 10 };
    const onnx = runReplica(app4, "neural-network", { ...o, policyOptions: { backend: "onnx" } });
    const wasm = runReplica(app4, "neural-network", o);
    expect(JSON.stringify({ ...onnx, wallS: 0 })).toBe(JSON.stringify({ ...wasm, wallS: 0 }));
  });
});
