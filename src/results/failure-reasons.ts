// Failure reasons of a task, in the engine's order (assembly: FAIL_* codes): the keys of a run's
// counts.counted.failedByReason and of the failed-% metrics.
export const FAILURE_REASONS = ["capacity", "network", "mobility", "deadline"] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];
