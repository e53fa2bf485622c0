// What the engine may ask of its host, declared once. All are off unless the host switches them on
// (engineSetNotifyEnds, engineNnHostTiers, a network read with the host flag); src/engine/wasm/engine.ts provides them (its defaults
// refuse), so a plain run never calls out.
//   - chooseTier: the DQN trainer's agent takes TierSelectionNN's place in Algorithm 1 (src/nn/rl.ts):
//     given the task and the mask of tiers with a feasible VM, it returns the tier (or -1).
//   - forward: the neural-network policy with backend=onnx keeps Algorithm 1 and its features here
//     and asks the host only for the forward passes: net 0 (TierSelectionNN) or 1
//     (VMCompatibilityNN), n rows of f32 inputs at `input`, n rows of f32 scores to write at `output`.
//   - taskEnded: every task's end, for the trainer's rewards: kind 0 at a download's end (before the
//     deadline test, which may still fail it), kind 1 at a failure (reason as FAIL_*).

// @ts-ignore: decorator
@external("env", "chooseTier")
export declare function hostChooseTier(task: i32, mask: i32): i32;

// @ts-ignore: decorator
@external("env", "taskEnded")
export declare function hostTaskEnded(task: i32, kind: i32, reason: i32): void;

// The task trace (`mecbench run --trace`): one call per ended task, the record (TR_* f64 fields of
// layout.gen.ts) at `record`; src/results/trace.ts streams it to disk.
// @ts-ignore: decorator
@external("env", "taskTrace")
export declare function hostTaskTrace(record: usize): void;

// @ts-ignore: decorator
@external("env", "forward")
export declare function hostForward(net: i32, input: usize, n: i32, output: usize): void;
