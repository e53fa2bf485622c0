// Numbers both sides of the JS/WASM boundary agree on (assembly/engine/*.ts defines the same).
// Change one side, change the other: test/wasm-differential.test.ts catches a mismatch.

/** Layout version of the flat input (assembly/engine/state.ts INPUT_VERSION). */
export const INPUT_VERSION = 1;

/** engineRun results. */
export const RUN_DONE = 0;
export const RUN_DECIDE_BATCH = 1;
export const RUN_DECIDE_TASK = 2;
export const RUN_ERRORS: Record<number, string> = {
  [-1]: "the flat input does not match the engine's layout (rebuild the WASM: npm run build:wasm)",
  [-2]: "the network model needs more timer slots than the engine reserves",
  [-3]: "engineRun called before engineCreate",
  [-4]: "the replica outgrew the event queue's key fields (more than 16 777 216 slots or 2^35 scheduled events)",
  [-5]: "event queue check failed: an event was out of heap order, had a NaN time or was earlier than the clock",
};

/** Task table columns (assembly/engine/tasks.ts taskColumnPtr). */
export const TASK_F64 = { lengthMi: 0, uploadKb: 1, downloadKb: 2, arrivalS: 3, deadlineS: 4 } as const;
export const TASK_I32 = { device: 100, app: 101 } as const;

/** 0 = ask the host; the built-in policies' ids are their descriptors' (src/policies/native-ids.ts). */
export { POLICY_HOST } from "../../policies/native-ids.ts";

/** Metric scalars (assembly/engine/metrics.ts). */
export const SCALAR_COUNT = 5;
/** Counters a WASM policy may report (assembly/engine/policies.ts). */
export const POLICY_STAT_COUNT = 16;

/** C2–C4 bitmask of the tier call, plus the compute model's refusal. */
export const NOT_ADMITTED = 8;
