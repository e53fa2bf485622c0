// The scenario format: JSON data with units in every field name, validated once at the edge.
// Every field that has a default is optional in a file; `resolveScenario` fills the defaults,
// freezes the result and hashes it. The JSON Schema for editors is generated from this module.
import { z } from "zod";

const positive = () => z.number().finite().positive();
const nonNegative = () => z.number().finite().nonnegative();
const fraction = () => z.number().finite().min(0).max(1);

/** How a device's tasks arrive. */
const uniformInterval = z.strictObject({
  /** The paper: each device emits a task every U[min, max] seconds. */
  model: z.literal("uniform-interval"),
  minIntervalS: positive(),
  maxIntervalS: positive(),
});
const idleActivePoisson = z.strictObject({
  /** EdgeCloudSim's IdleActiveLoadGenerator: Poisson arrivals during active periods, silent idle periods. */
  model: z.literal("idle-active-poisson"),
  meanInterarrivalS: positive(),
  activePeriodS: positive(),
  idlePeriodS: nonNegative(),
});
export const arrivalSchema = z.discriminatedUnion("model", [uniformInterval, idleActivePoisson]);

export const appSchema = z.strictObject({
  name: z.string().min(1),
  /** Share of devices running this app, in percent; shares of all apps sum to 100. */
  sharePct: nonNegative(),
  /** T_s in [0, 1]: 1 = most delay sensitive. */
  delaySensitivity: fraction(),
  /** Mean task length (MI); the draw follows workload.sizeDistribution. */
  lengthMi: positive(),
  uploadKb: nonNegative(),
  downloadKb: nonNegative(),
  /** Deadline T_max (s); null = no deadline (EdgeCloudSim sample apps). */
  maxDelayS: positive().nullable().default(null),
  /** Memory a task holds on its VM while queued or running (MB); 0 = memory not modelled. */
  memoryMb: nonNegative().default(0),
  requiredCores: z.number().int().positive().default(1),
  /** EdgeCloudSim: the share of one VM's CPU a running task of this app occupies, per tier. */
  vmUtilizationPct: z
    .strictObject({ edge: z.number().min(0).max(100), cloud: z.number().min(0).max(100) })
    .default({ edge: 0, cloud: 0 }),
  arrival: arrivalSchema,
});

export const vmSchema = z.strictObject({
  cores: z.number().int().positive(),
  mipsPerCore: positive(),
  ramMb: nonNegative().default(0),
  storageMb: nonNegative().default(0),
});

export const hostSchema = z.strictObject({
  name: z.string().min(1).optional(),
  /** The access point (WLAN id) this host is co-located with: its "local edge" devices. */
  accessPoint: z.number().int().nonnegative(),
  /** EdgeCloudSim place type 0/1/2: selects the mean dwell time of nomadic mobility. */
  attractiveness: z.number().int().min(0).max(2).default(0),
  vms: z.array(vmSchema).min(1),
});

const sharedLink = z.strictObject({
  /** Link capacity is redrawn uniformly in [minMbps, maxMbps] every redrawIntervalS, fair-shared by transfers. */
  minMbps: positive(),
  maxMbps: positive(),
  redrawIntervalS: positive(),
  /** Added once per transfer leg (upload, download). */
  propagationDelayS: nonNegative(),
  /** A transfer that would be the (max+1)-th concurrent one on this link fails with reason `network`; 0 = no limit. */
  maxConcurrentTransfers: z.number().int().nonnegative().default(0),
});
const sharedLinksNetwork = z.strictObject({
  /** The paper's network: local edge has no transfer; remote edge and cloud each use one shared link. */
  model: z.literal("shared-links"),
  remoteEdge: sharedLink,
  cloud: sharedLink,
});
const edgeCloudSimNetwork = z.strictObject({
  /** EdgeCloudSim sample_app2-4: empirical WLAN/WAN tables by active clients, adaptive M/M/1 MAN. */
  model: z.literal("edgecloudsim"),
  /** Throughput (Kbps) when k transfers are already active at the access point, k = 0.. */
  wlanKbpsByActiveClients: z.array(positive()).min(1),
  /** 802.11ac vs the measured 802.11n table (EdgeCloudSim multiplies by 3). */
  wlanCapacityFactor: positive().default(3),
  wanKbpsByActiveClients: z.array(positive()).min(1),
  man: z.strictObject({
    bandwidthKbps: positive(),
    propagationDelayS: nonNegative(),
    /** An M/M/1 delay above this is a failure (EdgeCloudSim: 15 s). */
    maxDelayS: positive(),
    /** The estimator of mean inter-arrival is refreshed every interval (EdgeCloudSim: 5 s, first at 15 s). */
    estimatorIntervalS: positive(),
    firstEstimatorUpdateS: nonNegative(),
    /**
     * true (EdgeCloudSim): the orchestrator's MAN probe, made once per arriving task under every
     * sample_app4 policy, counts as a MAN upload in the estimator, so the estimated MAN load grows with
     * the task rate even when no task crosses the MAN. false: only real MAN transfers count (a
     * measurement should not change what it measures).
     */
    probesLoadEstimator: z.boolean().default(false),
  }),
  /** Size of the dummy transfer the WAN bandwidth probe measures (EdgeCloudSim: 128 KB). */
  probeSizeKb: positive().default(128),
});
export const networkSchema = z.discriminatedUnion("model", [sharedLinksNetwork, edgeCloudSimNetwork]);

export const computeSchema = z.strictObject({
  /**
   * fifo-cores: a VM runs at most `cores` tasks at full per-core speed, the rest wait in its FIFO queue.
   * processor-sharing: CloudSim's time-shared VM, admission by the apps' utilization percentages.
   */
  model: z.enum(["fifo-cores", "processor-sharing"]),
  /** CPU_k^max of constraint C3, as a fraction of a VM's capacity. */
  cpuMaxFraction: z.number().finite().gt(0).max(1).default(0.9),
  /**
   * processor-sharing only: what a VM's admission test compares with 100 %. bound-tasks: the
   * utilization of every task bound to it, reserved at the decision (a VM never exceeds 100 %).
   * running-tasks (EdgeCloudSim's getVmToOffload, which reads getTotalUtilizationOfCpu): the tasks
   * executing on it only; a task still uploading is invisible, so a VM can be committed above 100 %.
   * Absent means bound-tasks (no default written, so existing scenarios keep their hash).
   */
  admission: z.enum(["bound-tasks", "running-tasks"]).optional(),
});

export const mobilitySchema = z.discriminatedUnion("model", [
  z.strictObject({
    /** Each device attaches to a uniformly random access point for the whole run. */
    model: z.literal("static"),
  }),
  z.strictObject({
    /** EdgeCloudSim NomadicMobility: exponential dwell by place attractiveness, then a uniformly random other place. */
    model: z.literal("nomadic"),
    meanDwellByAttractivenessS: z.tuple([positive(), positive(), positive()]),
  }),
]);

export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1),
  description: z.string().default(""),
  /** Values the source leaves open, filled by us: where (JSON path), what, and why. */
  assumptions: z
    .array(z.strictObject({ path: z.string(), value: z.unknown(), reason: z.string() }))
    .default([]),
  simulation: z.strictObject({
    durationS: positive(),
    warmupS: nonNegative().default(0),
    /** Utilization is sampled at this period for the VM-utilization metric. */
    utilizationSampleIntervalS: positive().default(6),
    /**
     * Which samples the VM-utilization metric averages. after-warmup: those at or after warmupS (the
     * warm-up keeps the transient out of every metric). whole-run: every sample from the first interval
     * on, warm-up included, up to but not at durationS, as EdgeCloudSim's SimLogger reports it.
     */
    utilizationWindow: z.enum(["after-warmup", "whole-run"]).default("after-warmup"),
    /**
     * false: exactly the tasks arriving at or after warmupS are counted, whatever their outcome.
     * true (EdgeCloudSim, whose SimLogger flags a task as warm-up only once it has a VM and an upload
     * under way): a task rejected when it is submitted (no VM admits it, or its first upload leg has no
     * bandwidth) is counted even during the warm-up; any other outcome of a warm-up task is not.
     */
    countWarmupRejections: z.boolean().default(false),
  }),
  /** The sweep points: numbers of IoT devices. */
  deviceCounts: z.array(z.number().int().positive()).min(1),
  workload: z.strictObject({
    /** No device emits before this time (EdgeCloudSim: 10 s). */
    startS: nonNegative().default(0),
    sizeDistribution: z.enum(["exponential", "fixed"]).default("exponential"),
    /** EdgeCloudSim truncates drawn sizes and lengths to integers. */
    integerSizes: z.boolean().default(false),
    apps: z.array(appSchema).min(1),
  }),
  edge: z.strictObject({ hosts: z.array(hostSchema).min(1) }),
  cloud: z.strictObject({ vms: z.array(vmSchema) }),
  network: networkSchema,
  compute: computeSchema,
  mobility: mobilitySchema,
  orchestration: z
    .strictObject({
      /** 0: decide each task when it arrives; > 0: collect tasks for this long, decide the batch. */
      batchIntervalS: nonNegative().default(0),
      /**
       * true: a task no VM takes waits in the overflow queue and is retried next batch (fails `deadline`
       * when it can no longer make it); false: it fails at once with reason `capacity`.
       */
      overflowQueue: z.boolean().default(false),
    })
    .default({ batchIntervalS: 0, overflowQueue: false }),
  /** Per-policy options, by policy name. */
  policyOptions: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
});

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type App = Scenario["workload"]["apps"][number];
export type Vm = z.output<typeof vmSchema>;
export type Host = z.output<typeof hostSchema>;
export type NetworkConfig = Scenario["network"];
export type SharedLinkConfig = Extract<NetworkConfig, { model: "shared-links" }>["remoteEdge"];
export type EdgeCloudSimNetworkConfig = Extract<NetworkConfig, { model: "edgecloudsim" }>;

/** The JSON Schema of a scenario file, for editors (`"$schema": "./scenario.schema.json"`). */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" });
}
