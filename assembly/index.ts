// The WASM module's public surface: every export the TypeScript side may call.
// Each concept lives in its own file (mlp.ts, queue.ts, feasibility.ts, ...); this file only re-exports.
export function abiVersion(): i32 {
  return 1;
}

// mlp
export {
  MLP_ACT_LINEAR,
  MLP_ACT_SOFTMAX,
  mlpCreate,
  mlpSetLayerSize,
  mlpAllocate,
  mlpCommit,
  mlpLayerCount,
  mlpLayerSize,
  mlpMaxBatch,
  mlpWeightsPtr,
  mlpBiasPtr,
  mlpInputPtr,
  mlpOutputPtr,
  mlpForwardScalar,
  mlpForwardSimd,
} from "./mlp";
