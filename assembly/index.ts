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
} from "./nn/mlp";

// engine
export {
  engineReset, engineInputPtr, engineCreate, engineRun, engineDecideListPtr, engineDecideCount, engineDecideTask,
  engineSetDecision, engineNow, engineGenerated, engineCompleted, engineFailed, engineOverflowCount, engineExpertRule, engineSetHandOff, engineNativeDecide,
  engineSetNotifyEnds, engineNnHostTiers, engineFreeze, engineWatch, engineAdvanceUntil, engineWatchOk, engineWatchServiceS,
  engineAssign,
  engineFits, engineFastestVm, engineLastEstimate, engineTaskLive, engineTaskCapacity, engineTaskColumnPtr, engineDeviceAccessPointPtr, engineVmUtilPctPtr,
  engineVmFreeMemMbPtr, engineVmBoundTasksPtr, engineMetricRowsPtr, engineMetricScalarsPtr, engineServiceHistPtr, engineSetTrace, engineSeriesPtr, engineSeriesCount, enginePolicyStatsPtr,
  viewNow, viewTierOf, viewLocalHost, viewFits, viewRequiredUtilPct, viewLoadFraction, viewFeasibility,
  viewFeasibilityTier, viewEstimateServiceS, viewEstimateNetworkS, viewMeanEdgeUtilPct, viewHostUtilPct,
  viewWanBandwidthMbps, viewManDelayS, viewTierBandwidthMbps, viewWorstFit,
} from "./engine/api";
export {
  testQueueInit, testQueueEnsureSlots, testQueueSchedule, testQueueCancel, testQueuePop, testQueueSize,
  testQueueIsScheduled, testLn, testHistBin, testTaskCreate, testAllocI32, testAlloc, testCheckQueue, testQueueValidate, testQueueTop,
  testQueueTopTime, testDeviceArrival, testFisRead, testFisEvaluate, testFisFiringPtr, testFisClassify,
  testFisMemo, testFisMemoFiring, nnTestTierRow, nnTestFeasible, nnTestScores, nnTestVmRow,
} from "./testing";
