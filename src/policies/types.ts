// The one small interface every offloading policy implements, and the read-only view of the
// system it decides over. Tasks and VMs are integer ids into typed-array columns (no per-task
// objects), so the same view can be backed by the WASM engine's linear memory.
import type { z } from "zod";
import type { Infrastructure } from "../scenario/infrastructure.ts";
import type { StreamSet } from "../kernel/random.ts";
import type { Scenario } from "../scenario/schema.ts";
import type { ModelUse } from "../nn/model-set.ts";

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
  /**
   * The VM of `tier` (as seen from the task's device) with the smallest estimated service time among
   * those that admit the task and pass C2–C4, or with feasibleOnly false among those that admit it
   * (ties: lowest VM id); -1 when none. Its estimate is written to out[0] (Infinity when none). The
   * engine's own rule: greedy-min-service and expert-rules place with it.
   */
  fastestVm(task: number, tier: number, feasibleOnly: boolean, out: Float64Array): number;
  /**
   * EdgeCloudSim's least-loaded rule over the VMs [start, end) (clipped to the VM ids): the one that
   * admits the task with the most free share (100 − utilization %), ties to the lowest id; -1 when none.
   */
  worstFit(task: number, start: number, end: number): number;
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

/**
 * A policy's options: a strict zod object (an unknown key is an error, never silently ignored). Every
 * default lives here and nowhere else; `.meta({ description, examples })` on a field documents it
 * (`mecbench policies`, docs/policies.md) and gives the example shown in error fixes.
 */
export type PolicyOptionsSchema = z.ZodObject<z.core.$ZodShape, z.core.$strict>;

/** How a built-in policy runs inside the WASM engine. */
export interface NativeEncoding<O = Record<string, unknown>> {
  /** The engine's id of the policy (src/policies/native-ids.ts). */
  readonly id: number;
  /**
   * Options (checked, defaults applied) and scenario → the flat parameters the engine's policy reads,
   * in its order; undefined when these options need the TypeScript policy on the host.
   */
  encode(options: O, scenario: Readonly<Scenario>): ArrayLike<number> | NativeParams | undefined;
}

/**
 * The scores of n rows of network `net` (0 TierSelectionNN, 1 VMCompatibilityNN): f32 inputs at byte
 * offset `input` of the engine's `memory`, f32 outputs to write at `output` (assembly/engine/host.ts).
 */
export type ForwardPass = (net: number, input: number, n: number, output: number, memory: WebAssembly.Memory) => void;

/** Parameters plus what the policy asks of the host while it runs (neural-network, backend=onnx). */
export interface NativeParams {
  readonly params: ArrayLike<number>;
  readonly forward?: ForwardPass;
  /** The model files the policy loaded (recorded in the run's result). */
  readonly models?: readonly ModelUse[];
}

/** Where a policy comes from; reports group and order policies by it. */
export type PolicyFamily = "method" | "baseline" | "edgecloudsim" | "reference";

/**
 * Everything mecbench knows about one policy, in one object: the registry, the WASM binder,
 * `mecbench policies`, the report's colours and the docs table all read it. A built-in policy fills
 * every field (src/policies/descriptor.ts); a user's policy needs only a name, a description and
 * `create` (see PolicyFactory), and may add an options schema to get its options checked.
 */
export interface PolicyDescriptor {
  readonly name: string;
  /** One line: what it does and where it comes from. */
  readonly description: string;
  /** Without a schema the options are passed to `create` unchecked, as given. */
  readonly options?: PolicyOptionsSchema;
  /** Names of the counters the policy reports (policyStats), in the engine's order. */
  readonly counters?: readonly string[];
  /** For a policy the WASM engine implements: its id and parameter encoder. */
  readonly native?: NativeEncoding;
  /** The host-side TypeScript policy: a user's policy, or a built-in whose options need the host. */
  create?(ctx: PolicyContext): Policy;
  readonly family?: PolicyFamily;
  /** Its colour in every chart of every report (a spare colour when absent): colour-blind safe (docs/report.md). */
  readonly colour?: string;
  /** Its marker shape in every chart (a Vega point shape), so no two lines depend on colour alone. */
  readonly marker?: string;
  /** Our reconstruction of an under-specified method: reports label it so. */
  readonly reconstruction?: boolean;
  /** Its name in the paper's reported numbers when that differs (paper-reported.json). */
  readonly paperName?: string;
}

/** A policy written in TypeScript: a descriptor with `create`. */
export interface PolicyFactory extends PolicyDescriptor {
  create(ctx: PolicyContext): Policy;
}
