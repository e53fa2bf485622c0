// The one small interface every offloading policy implements, and the read-only view of the
// system it decides over. Tasks and VMs are integer ids into typed-array columns (no per-task
// objects), so the same view can be backed by the WASM engine's linear memory.
import type { Infrastructure } from "../engine/infrastructure.ts";
import type { StreamSet } from "../engine/rng.ts";
import type { Scenario } from "../scenario/schema.ts";

/** Per-task columns a policy may read (index = task id). Re-read them at every call: they may be reallocated. */
export interface TaskColumnsView {
  readonly device: Int32Array;
  readonly app: Int32Array;
  readonly lengthMi: Float64Array;
  readonly uploadKb: Float64Array;
  readonly downloadKb: Float64Array;
  readonly arrivalS: Float64Array;
  /** Absolute deadline (s); Infinity when the app has none. */
  readonly deadlineS: Float64Array;
}

/** Bitmask of violated constraints returned by `feasibility`. */
export const C2_DEADLINE = 1;
export const C3_CPU = 2;
export const C4_MEMORY = 4;

export interface SystemView {
  readonly now: number;
  readonly scenario: Readonly<Scenario>;
  readonly infra: Infrastructure;
  readonly tasks: TaskColumnsView;
  readonly deviceCount: number;
  /** Current access point of each device. */
  readonly deviceAccessPoint: Int32Array;
  /** Live utilization of each VM in percent (EdgeCloudSim semantics on processor-sharing; busy cores on fifo-cores). */
  readonly vmUtilPct: Float64Array;
  /** Free memory of each VM (MB) after the tasks bound to it. */
  readonly vmFreeMemMb: Float64Array;
  /** Tasks bound to each VM (uploading, queued or running). */
  readonly vmBoundTasks: Int32Array;

  /** Tier of `vm` for task `task`: 0 local edge, 1 remote edge, 2 cloud. */
  tierOf(task: number, vm: number): number;
  /** The edge host at the task's access point (its local edge), or -1. */
  localHost(task: number): number;
  /** Admission control of the compute model: would the VM accept the task now? */
  fits(task: number, vm: number): boolean;
  /** Share of the VM's CPU the task would need (%): EdgeCloudSim's per-app value, or C3's L / (f T_max). */
  requiredUtilPct(task: number, vm: number): number;
  /** Constraints C2–C4 of the paper for the task on the VM: 0 when feasible, else a bitmask. */
  feasibility(task: number, vm: number): number;
  /** The paper's U_k of a VM as a fraction in [0, 1]. */
  loadFraction(vm: number): number;
  /** Estimated service time (s) of the task on the VM: transfers plus queueing plus execution. */
  estimateServiceS(task: number, vm: number): number;
  /** Estimated network delay (s) of the task's upload and download to the VM. */
  estimateNetworkS(task: number, vm: number): number;
  /** Mean utilization (%) of all edge VMs, and of one host's VMs. */
  meanEdgeUtilPct(): number;
  hostUtilPct(host: number): number;
  /** WAN bandwidth (Mbps) a new transfer from this access point would get now (EdgeCloudSim's 128 KB probe). */
  wanBandwidthMbps(accessPoint: number): number;
  /** MAN delay (s) a new edge-to-edge transfer would see now (0 = saturated). */
  manDelayS(): number;
  /** Bandwidth (Mbps) a new transfer to the tier would get now (remote edge or cloud). */
  tierBandwidthMbps(tier: number, accessPoint: number): number;
}

export interface PolicyContext {
  readonly scenario: Readonly<Scenario>;
  readonly infra: Infrastructure;
  /** Options for this policy: scenario.policyOptions[name] merged with the command line's. */
  readonly options: Readonly<Record<string, unknown>>;
  /** The policy's own random stream (entity 0); never shared with the workload. */
  readonly rng: StreamSet;
}

/**
 * A policy decides which VM runs a task. Return a VM id, or -1 for "no VM" (the task then waits in the
 * overflow queue when the scenario has one, otherwise it fails with reason `capacity`).
 */
export interface Policy {
  readonly name: string;
  decide(task: number, view: SystemView): number;
  /**
   * Optional: decide a whole batch. `assign(task, vm)` applies one decision at once (so the view
   * reflects it) and returns whether the VM accepted; tasks never assigned go to overflow.
   * Without it the engine calls `decide` for each task in arrival order.
   */
  decideBatch?(tasks: Int32Array, count: number, view: SystemView, assign: (task: number, vm: number) => boolean): void;
  /** Counters the policy wants reported with the run (e.g. how often each rule fired). */
  stats?(): Record<string, number>;
}

export interface PolicyFactory {
  readonly name: string;
  /** One line: what it does and where it comes from. */
  readonly description: string;
  create(ctx: PolicyContext): Policy;
}
