// The WASM module's public surface: every export the TypeScript side may call.
// Each concept lives in its own file (mlp.ts, queue.ts, feasibility.ts, ...); this file only re-exports.
export function abiVersion(): i32 {
  return 1;
}
