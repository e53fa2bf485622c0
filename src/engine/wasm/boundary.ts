// The JS/WASM boundary, declared once: the flat input's layout, the policy ids, the run status and
// error codes, the task-table columns, the metric rows and the other numbers both sides agree on.
// The TypeScript side imports this file; `npm run build:wasm` first runs scripts/gen-boundary.ts,
// which writes the same facts as AssemblyScript constants into assembly/kernel/layout.gen.ts. Change a fact
// here and both sides change together; INPUT_VERSION is derived from the layout, never bumped by hand.

// ---- the flat input ------------------------------------------------------------------------------
// One Float64Array, read front to back by the engine (assembly/kernel/state.ts readScenario, then the
// network model's init, then the policy's init). Records below are written field by field in the
// declared order by src/engine/wasm/encode.ts, which builds each record as an object keyed by these
// names, so the order cannot drift. Booleans are 0/1; enumerations are the codes given.

/** The head of the input: the run's configuration. */
import { FIS_DEFUZZIFIER_CODES } from "../../policies/fuzzy/encode.ts";
import { NATIVE_POLICY_IDS, POLICY_HOST } from "../../policies/native-ids.ts";

export const INPUT_HEAD = [
  "inputVersion", // INPUT_VERSION below: the engine refuses any other layout
  "devices",
  "seed",
  "durationS",
  "warmupS",
  "utilIntervalS",
  "utilWholeRun", // 1: simulation.utilizationWindow "whole-run" (EdgeCloudSim's), 0: "after-warmup"
  "countWarmupRejections", // 1: a task rejected at submission is counted even during the warm-up
  "batchIntervalS", // 0: immediate decisions
  "overflowQueue", // 0/1
  "computeModel", // COMPUTE_MODEL
  "cpuMaxFraction",
  "admitRunningOnly", // 1: compute.admission "running-tasks" (EdgeCloudSim's), 0: "bound-tasks"
  "startS",
  "sizeFixed", // 0/1: task sizes fixed instead of exponential
  "integerSizes", // 0/1
] as const;

/** Then the app count, then per app: */
export const INPUT_APP = [
  "sharePct",
  "delaySensitivity",
  "lengthMi",
  "uploadKb",
  "downloadKb",
  "maxDelayS", // Infinity: no deadline
  "memoryMb",
  "requiredCores",
  "edgeUtilPct", // processor sharing: utilization of an edge VM per task
  "cloudUtilPct",
  "arrivalModel", // ARRIVAL_MODEL
  "arrivalP1", // uniform-interval: min interval (s); idle-active-poisson: mean inter-arrival (s)
  "arrivalP2", // uniform-interval: max interval (s); idle-active-poisson: active period (s)
  "arrivalP3", // uniform-interval: 0; idle-active-poisson: idle period (s)
] as const;

/**
 * Then the VM total and the host count; per host: its access point, attractiveness and VM count,
 * then INPUT_VM per VM; then the cloud's VM count and INPUT_VM per cloud VM.
 */
export const INPUT_HOST = ["accessPoint", "attractiveness", "vmCount"] as const;
export const INPUT_VM = ["cores", "mipsPerCore", "ramMb"] as const;

/** Then the mobility model (MOBILITY_MODEL) and the three mean dwell times by attractiveness (s; 0 when static). */
export const INPUT_MOBILITY = ["model", "dwellS0", "dwellS1", "dwellS2"] as const;

/**
 * Then the network model (NETWORK_MODEL). shared-links: INPUT_LINK for the remote-edge link, then for
 * the cloud link. edgecloudsim: the WLAN capacity factor, the WLAN table (length, then Kbps by
 * active clients), the WAN table (same), then INPUT_ECS_MAN.
 */
export const INPUT_LINK = ["minMbps", "maxMbps", "redrawIntervalS", "propagationDelayS", "maxConcurrentTransfers"] as const;
export const INPUT_ECS_MAN = [
  "bandwidthKbps", "propagationDelayS", "maxDelayS", "estimatorIntervalS", "firstEstimatorUpdateS", "probeSizeKb",
  "probesLoadEstimator", // 1: every task's orchestrator MAN probe counts as a MAN upload (EdgeCloudSim)
] as const;

/** Last, the policy: its id (POLICY_IDS), its parameter count and its parameters (its binder's order). */
export const INPUT_POLICY = ["policyId", "paramCount"] as const;

export const COMPUTE_MODEL = { "fifo-cores": 0, "processor-sharing": 1 } as const;
export const NETWORK_MODEL = { "shared-links": 0, edgecloudsim: 1 } as const;
export const MOBILITY_MODEL = { static: 0, nomadic: 1 } as const;
export const ARRIVAL_MODEL = { "uniform-interval": 0, "idle-active-poisson": 1 } as const;

// ---- policies ------------------------------------------------------------------------------------

/**
 * Engine ids: 0 = ask the host; each built-in's id is its descriptor's (src/policies/native-ids.ts,
 * the one table), written into assembly/kernel/layout.gen.ts as POLICY_<NAME>.
 */
export const POLICY_IDS = { host: POLICY_HOST, ...NATIVE_POLICY_IDS } as const;
export type NativePolicyName = keyof typeof POLICY_IDS;

/** Counters a WASM policy may report (policyStats). */
export const POLICY_STAT_COUNT = 16;

/** Defuzzifier codes of a rule base passed to a fuzzy policy (assembly/policies/fuzzy.ts); the rule-base encoder's. */
export const FIS_DEFUZZIFIER = { lm: FIS_DEFUZZIFIER_CODES.LM, cog: FIS_DEFUZZIFIER_CODES.COG, argmax: FIS_DEFUZZIFIER_CODES.argmax } as const;

/** C2–C4 bitmask of the feasibility call, plus the compute model's refusal. */
export const NOT_ADMITTED = 8;

// ---- running -----------------------------------------------------------------------------------

/** engineRun results: done, or a turn for a host policy. */
export const RUN_STATUS = { RUN_DONE: 0, RUN_DECIDE_BATCH: 1, RUN_DECIDE_TASK: 2 } as const;

/** engineCreate / engineRun error codes and what they mean for a user. */
export const RUN_ERROR = {
  ERR_INPUT: { code: -1, message: "the flat input does not match the engine's layout (rebuild the WASM: npm run build:wasm)" },
  ERR_TIMERS: { code: -2, message: "the network model needs more timer slots than the engine reserves" },
  ERR_STATE: { code: -3, message: "engineRun called before engineCreate" },
  ERR_LIMIT: {
    code: -4,
    message: "the replica outgrew the event queue's key fields (more than 16 777 216 slots or 2^35 scheduled events)",
  },
  ERR_QUEUE: {
    code: -5,
    message: "event queue check failed: an event was out of heap order, had a NaN time or was earlier than the clock",
  },
} as const;

/** The same facts as the host driver reads them: statuses by name, error messages by code. */
export const { RUN_DONE, RUN_DECIDE_BATCH, RUN_DECIDE_TASK } = RUN_STATUS;
export const RUN_ERRORS: Readonly<Record<number, string>> = Object.fromEntries(Object.values(RUN_ERROR).map((e) => [e.code, e.message]));

// ---- task table ----------------------------------------------------------------------------------

/** Task-table columns the host reads (engineTaskColumnPtr): f64 columns, then i32 columns from 100. */
export const TASK_F64 = { lengthMi: 0, uploadKb: 1, downloadKb: 2, arrivalS: 3, deadlineS: 4 } as const;
export const TASK_I32 = { device: 100, app: 101 } as const;

// ---- metric rows ---------------------------------------------------------------------------------

/**
 * One row of running sums per (app, tier), METRIC_FIELDS.length f64 each, rows ordered app by app,
 * tier by tier (METRIC_TIERS rows per app: the three tiers, then tasks that never got a VM).
 */
export const METRIC_FIELDS = [
  "completed",
  "failed0", // failed by reason (FAILURE_REASONS order): 4 fields
  "failed1",
  "failed2",
  "failed3",
  "service",
  "serviceSq",
  "processing",
  "network",
  "wait",
  "upload",
  "queue",
  "exec",
  "download",
  "wlan", // per link: the delay sum, then the count of tasks that used it
  "wlanN",
  "man",
  "manN",
  "wan",
  "wanN",
  "link",
  "linkN",
  "decisions",
  "minDuration", // Infinity until a task completes
] as const;
export const METRIC_TIERS = 4;
/** The row of tasks that never got a VM. */
export const TIER_UNASSIGNED = 3;
/** The utilization scalars (engineMetricScalarsPtr), in order. */
export const METRIC_SCALARS = ["utilSamples", "utilEdgeSum", "utilCloudSum", "maxUtilPct", "minUtilPct"] as const;

/**
 * The service-time histogram (engineServiceHistPtr): f64 counts of the completed counted tasks by
 * service time, in log-linear bins read straight off the f64's bits (no log per task): a time in
 * [2^e, 2^(e+1)) falls in bin (e − minExp) · 2^subBits + its top subBits mantissa bits, so every
 * octave has 2^subBits bins of equal width and a bin's width is at most 2^−subBits of its lower
 * end. Times below 2^minExp (61 µs) count in bin 0, at or above 2^maxExp (4.55 h) in the last bin.
 * src/results/quantiles.ts reads quantiles off it (docs/metrics.md gives the accuracy).
 */
export const SERVICE_HIST = { minExp: -14, maxExp: 14, subBits: 6 } as const;
export const SERVICE_HIST_BINS = (SERVICE_HIST.maxExp - SERVICE_HIST.minExp) << SERVICE_HIST.subBits;

/**
 * The time series (engineSeriesPtr, engineSeriesCount): one record of SERIES_FIELDS f64 per
 * utilization sample (every simulation.utilizationSampleIntervalS, the whole run, warm-up included),
 * at most SERIES_MAX_SAMPLES (later samples are dropped). edgeUtilPct/cloudUtilPct: mean VM
 * utilization of the tier; tasksInSystem: tasks generated and not yet ended; completed/failed:
 * tasks that ended so in the interval before the sample.
 */
export const SERIES_FIELDS = ["timeS", "edgeUtilPct", "cloudUtilPct", "tasksInSystem", "completed", "failed"] as const;
export const SERIES_MAX_SAMPLES = 100_000;

/** Field name → index in a record laid out as `fields`. */
function fieldIndex<F extends string>(fields: readonly F[]): { readonly [K in F]: number } {
  return Object.fromEntries(fields.map((f, i) => [f, i])) as { [K in F]: number };
}

/** Field name → index in a metric row. */
export const METRIC_FIELD = fieldIndex(METRIC_FIELDS);
/** Field name → index in a time-series sample. */
export const SERIES_FIELD = fieldIndex(SERIES_FIELDS);

// ---- task trace ----------------------------------------------------------------------------------

/**
 * One ended task as the engine hands it to the host (kernel/host.ts taskTrace), when the host asked
 * for a trace (engineSetTrace): f64 fields in this order. outcome 0 completed, 1 failed; reason a
 * FAILURE_REASONS index or −1; tier, host, vm −1 when the task never got a VM (host −1: cloud VM).
 */
export const TRACE_FIELDS = [
  "endS", "arrivalS", "app", "device", "tier", "host", "vm", "uploadS", "queueS", "execS", "downloadS", "outcome", "reason", "counted",
] as const;
/** Field name → index in a trace record. */
export const TRACE_FIELD = fieldIndex(TRACE_FIELDS);

// ---- the layout's version ------------------------------------------------------------------------

/** FNV-1a over the UTF-16 code units of the JSON of `layout`: dependency-free, the same in every runtime; 31 bits. */
export function layoutHash(layout: unknown): number {
  const text = JSON.stringify(layout);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0) & 0x7fffffff;
}

/**
 * A hash of everything above that shapes the input: a host and an engine built from different
 * declarations disagree on it, and engineCreate refuses the input (ERR_INPUT) instead of misreading
 * it. 31 bits, so it is exact in f64 and in an AssemblyScript i32.
 */
export const INPUT_VERSION: number = layoutHash({
  INPUT_HEAD, INPUT_APP, INPUT_HOST, INPUT_VM, INPUT_MOBILITY, INPUT_LINK, INPUT_ECS_MAN, INPUT_POLICY, COMPUTE_MODEL,
  NETWORK_MODEL, MOBILITY_MODEL, ARRIVAL_MODEL, POLICY_IDS, POLICY_STAT_COUNT, FIS_DEFUZZIFIER, METRIC_FIELDS, METRIC_TIERS,
  METRIC_SCALARS, TASK_F64, TASK_I32, SERVICE_HIST, TRACE_FIELDS, SERIES_FIELDS, SERIES_MAX_SAMPLES,
});
