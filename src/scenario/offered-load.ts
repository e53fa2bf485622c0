// Offered load ρ = demanded MIPS / capacity MIPS, per tier and in total, for a device count: the
// first thing to look at before believing any curve (docs/paper-model.md §3).
import type { App, Scenario } from "./schema.ts";

/** Mean tasks per second one device of this app emits in the long run. */
export function taskRatePerDevice(app: App): number {
  const a = app.arrival;
  if (a.model === "uniform-interval") return 2 / (a.minIntervalS + a.maxIntervalS);
  // Active a fraction active/(active+idle) of the time, Poisson at 1/mean while active.
  return a.activePeriodS / (a.activePeriodS + a.idlePeriodS) / a.meanInterarrivalS;
}

export interface OfferedLoad {
  devices: number;
  tasksPerS: number;
  demandMips: number;
  edgeCapacityMips: number;
  cloudCapacityMips: number;
  /** Demand over each tier's capacity, as if all tasks went there, and over the whole system. */
  rhoEdge: number;
  rhoCloud: number;
  rhoTotal: number;
}

export function offeredLoad(s: Readonly<Scenario>, devices: number): OfferedLoad {
  let tasksPerS = 0;
  let demandMips = 0;
  for (const app of s.workload.apps) {
    const rate = (devices * app.sharePct) / 100 * taskRatePerDevice(app);
    tasksPerS += rate;
    demandMips += rate * app.lengthMi;
  }
  const cap = (vms: readonly { cores: number; mipsPerCore: number }[]) => vms.reduce((x, v) => x + v.cores * v.mipsPerCore, 0);
  const edgeCapacityMips = cap(s.edge.hosts.flatMap((h) => h.vms));
  const cloudCapacityMips = cap(s.cloud.vms);
  return {
    devices, tasksPerS, demandMips, edgeCapacityMips, cloudCapacityMips,
    rhoEdge: demandMips / edgeCapacityMips,
    rhoCloud: cloudCapacityMips > 0 ? demandMips / cloudCapacityMips : Infinity,
    rhoTotal: demandMips / (edgeCapacityMips + cloudCapacityMips),
  };
}
