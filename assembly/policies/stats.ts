// The counters a built-in policy reports with the run (expert-rules: how often each rule fired; the
// neural-network policy: decisions, network runs, ...), POLICY_STAT_COUNT f64 named by the policy's
// binder on the host.
import { allocF64 } from "../kernel/mem";
import { POLICY_STAT_COUNT } from "../kernel/layout.gen";

export let policyStats: usize = 0; // f64[POLICY_STAT_COUNT]

export function statsInit(): void {
  policyStats = allocF64(POLICY_STAT_COUNT);
}
