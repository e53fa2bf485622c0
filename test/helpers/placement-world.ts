// Hand-built worlds in which the public result tells which VM ran each task. Every VM gets a speed
// rank r and executes the world's (fixed-size) task in exactly BASE^r seconds, so the sum of the
// execution times of the completed tasks, written in base BASE, counts the tasks per VM (digit r =
// tasks on the VM of rank r), as long as fewer than BASE tasks share a rank. Policies are run through
// the ordinary runReplica, so nothing here depends on how an engine is built.
import { runReplica } from "../../src/engine/run.ts";
import type { RunResult } from "../../src/results/run-result.ts";
import type { Policy, PolicyFactory } from "../../src/policies/types.ts";
import type { ScenarioInput } from "../../src/scenario/schema.ts";
import { resolveScenario, type ResolvedScenario } from "../../src/scenario/validate.ts";

export const BASE = 8;

export interface WorldVm {
  /** Speed rank: the task runs BASE^rank seconds on this VM. Distinct within a world. */
  rank: number;
  cores?: number;
  ramMb?: number;
}

export interface World {
  /** Edge hosts; host h sits at access point h. */
  hosts: WorldVm[][];
  cloud: WorldVm[];
  lengthMi?: number;
  uploadKb?: number;
  downloadKb?: number;
  memoryMb?: number;
  maxDelayS?: number | null;
  delaySensitivity?: number;
  compute?: "fifo-cores" | "processor-sharing";
  utilPct?: { edge: number; cloud: number };
  /**
   * "shared-links" (default): the paper's links, capacities fixed (min = max) by remoteMbps/cloudMbps.
   * "edgecloudsim": EdgeCloudSim's WLAN/MAN/WAN with flat tables, the WAN at wanKbps whatever the
   * number of clients.
   */
  network?: "shared-links" | "edgecloudsim";
  wanKbps?: number;
  remoteMbps?: number;
  cloudMbps?: number;
  remotePropagationS?: number;
  cloudPropagationS?: number;
  batchIntervalS?: number;
  policyOptions?: Record<string, Record<string, unknown>>;
}

/** Every device emits its first task at ARRIVAL_S and no other before the end. */
export const ARRIVAL_S = 100_000;
const DURATION_S = 190_000;

export function worldInput(w: World): ScenarioInput {
  const lengthMi = w.lengthMi ?? 8000;
  const vm = (v: WorldVm) => ({ cores: v.cores ?? 1, mipsPerCore: lengthMi / BASE ** v.rank, ramMb: v.ramMb ?? 4000 });
  const link = (mbps: number, prop: number) => ({ minMbps: mbps, maxMbps: mbps, redrawIntervalS: DURATION_S, propagationDelayS: prop });
  return {
    name: "placement-world",
    simulation: { durationS: DURATION_S, warmupS: 0, utilizationSampleIntervalS: 1000 },
    deviceCounts: [1],
    workload: {
      startS: 0,
      sizeDistribution: "fixed",
      apps: [{
        name: "APP", sharePct: 100, delaySensitivity: w.delaySensitivity ?? 0.5, lengthMi,
        uploadKb: w.uploadKb ?? 0, downloadKb: w.downloadKb ?? 0, maxDelayS: w.maxDelayS ?? null, memoryMb: w.memoryMb ?? 0,
        vmUtilizationPct: w.utilPct ?? { edge: 10, cloud: 10 },
        arrival: { model: "uniform-interval", minIntervalS: ARRIVAL_S, maxIntervalS: ARRIVAL_S },
      }],
    },
    edge: { hosts: w.hosts.map((vms, h) => ({ accessPoint: h, vms: vms.map(vm) })) },
    cloud: { vms: w.cloud.map(vm) },
    network: w.network === "edgecloudsim"
      ? {
        model: "edgecloudsim",
        wlanKbpsByActiveClients: Array.from({ length: 100 }, () => 100_000),
        wanKbpsByActiveClients: Array.from({ length: 25 }, () => w.wanKbps ?? 20_000),
        man: { bandwidthKbps: 1_331_200, propagationDelayS: 0.005, maxDelayS: 15, estimatorIntervalS: 5, firstEstimatorUpdateS: 15 },
      }
      : {
        model: "shared-links",
        remoteEdge: link(w.remoteMbps ?? 100, w.remotePropagationS ?? 0.005),
        cloud: link(w.cloudMbps ?? 100, w.cloudPropagationS ?? 0.1),
      },
    compute: { model: w.compute ?? "fifo-cores" },
    mobility: { model: "static" },
    ...(w.batchIntervalS !== undefined ? { orchestration: { batchIntervalS: w.batchIntervalS } } : {}),
    policyOptions: w.policyOptions ?? {},
  };
}

export function resolveWorld(w: World): ResolvedScenario {
  return resolveScenario(worldInput(w), "placement-world");
}

/** VM labels in the engine's VM order: edge hosts first (h<host>v<index>), then the cloud (c<index>). */
export function vmLabels(w: World): { label: string; rank: number }[] {
  return [
    ...w.hosts.flatMap((vms, h) => vms.map((v, i) => ({ label: `h${h}v${i}`, rank: v.rank }))),
    ...w.cloud.map((v, i) => ({ label: `c${i}`, rank: v.rank })),
  ];
}

export interface Placement {
  /** Completed tasks per VM label (VMs that ran none are left out). */
  tasksByVm: Record<string, number>;
  result: RunResult;
}

/** Run `devices` devices (one task each, all at ARRIVAL_S) and decode where the completed tasks ran. */
export function place(w: World, policy: string | PolicyFactory, devices: number, seed: number): Placement {
  const result = runReplica(resolveWorld(w), policy, { devices, seed });
  const completed = result.metrics.completed;
  let total = completed === 0 ? 0 : Math.round(result.metrics.breakdownS.exec! * completed);
  const byRank = new Map<number, number>();
  for (let r = 0; total > 0; r++, total = Math.floor(total / BASE)) if (total % BASE) byRank.set(r, total % BASE);
  const tasksByVm: Record<string, number> = {};
  for (const { label, rank } of vmLabels(w)) {
    const n = byRank.get(rank);
    if (n) tasksByVm[label] = n;
    byRank.delete(rank);
  }
  if (byRank.size > 0) throw new Error(`decoded tasks on ranks no VM has: ${[...byRank.keys()].join(", ")}`);
  return { tasksByVm, result };
}

/** A user policy that records each device's access point and sends every task to VM 0. */
function accessPointProbe(seen: Map<number, number>): PolicyFactory {
  const policy: Policy = {
    name: "ap-probe",
    decide(task, view) {
      const device = view.tasks.device[task]!;
      seen.set(device, view.deviceAccessPoint[device]!);
      return 0;
    },
  };
  return { name: "ap-probe", description: "test: records access points", create: () => policy };
}

/**
 * The first seed (from 1) at which device d starts at access point aps[d] for every d. Static
 * mobility draws each device's host from the seed; searching is cheaper than assuming the draw.
 */
export function seedWithAccessPoints(w: World, aps: readonly number[]): number {
  const scenario = resolveWorld(w);
  for (let seed = 1; seed <= 2000; seed++) {
    const seen = new Map<number, number>();
    runReplica(scenario, accessPointProbe(seen), { devices: aps.length, seed });
    if (aps.every((ap, d) => seen.get(d) === ap)) return seed;
  }
  throw new Error(`no seed in 1..2000 puts the devices at access points ${aps.join(", ")}`);
}
