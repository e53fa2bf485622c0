// A replica's whole state, copied from one instance of the engine into another of the same module:
// its linear memory and its mutable globals (exported as "state:<n>" by scripts/export-state.mjs at
// build:wasm). The engine keeps no state anywhere else (its only import is abort), so the target
// then continues exactly as the source would: the what-if forks of src/training/dataset.ts rest on it,
// and test/wasm-fork.test.ts checks it bit for bit. The host-side binding of a replica (a
// TypeScript policy, the view) is not part of it: the caller binds the fork afresh.
import type { WasmEngine } from "./engine.ts";

/** A frozen copy of an instance's state (to restore later, or into several instances). */
export interface EngineSnapshot {
  readonly memory: Uint8Array;
  readonly globals: readonly unknown[];
}

function stateGlobals(engine: WasmEngine): WebAssembly.Global[] {
  const raw = engine.exports as unknown as Record<string, unknown>;
  const out: WebAssembly.Global[] = [];
  for (let i = 0; ; i++) {
    const g = raw[`state:${i}`];
    if (!(g instanceof WebAssembly.Global)) break;
    out.push(g);
  }
  if (out.length === 0) {
    throw new Error(`${engine.path} exports no state globals: it was built without scripts/export-state.mjs; run "npm run build:wasm"`);
  }
  return out;
}

/** Take a snapshot of the engine's state now. */
export function snapshotEngine(engine: WasmEngine): EngineSnapshot {
  return {
    memory: new Uint8Array(engine.exports.memory.buffer.slice(0)),
    globals: stateGlobals(engine).map((g) => g.value as unknown),
  };
}

function growTo(memory: WebAssembly.Memory, bytes: number): void {
  const have = memory.buffer.byteLength;
  if (bytes > have) memory.grow(Math.ceil((bytes - have) / 65536));
}

/** Put a snapshot into `target` (an instance of the same module): it is then that replica. */
export function restoreEngine(target: WasmEngine, snap: EngineSnapshot): void {
  const globals = stateGlobals(target);
  if (globals.length !== snap.globals.length) throw new Error("restoreEngine: the snapshot comes from another build of the engine");
  const memory = target.exports.memory;
  growTo(memory, snap.memory.byteLength);
  const view = new Uint8Array(memory.buffer);
  view.set(snap.memory);
  // Bytes above the snapshot's memory were never reached by the source: clear them, as fresh pages are.
  if (view.byteLength > snap.memory.byteLength) view.fill(0, snap.memory.byteLength);
  globals.forEach((g, i) => (g.value = snap.globals[i]));
}

/** Copy `source`'s state straight into `target` (a fork without keeping a snapshot: no extra copy). */
export function copyEngineState(source: WasmEngine, target: WasmEngine): void {
  restoreEngine(target, { memory: new Uint8Array(source.exports.memory.buffer), globals: stateGlobals(source).map((g) => g.value as unknown) });
}
