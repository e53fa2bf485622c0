// Small hand-built scenarios for analytic tests: one app, fixed sizes, deterministic arrivals.
import type { PolicyFactory } from "../../src/policies/types.ts";
import type { ScenarioInput } from "../../src/scenario/schema.ts";
import { resolveScenario, type ResolvedScenario } from "../../src/scenario/validate.ts";

export interface TinyOptions {
  lengthMi?: number;
  uploadKb?: number;
  downloadKb?: number;
  maxDelayS?: number | null;
  /** Every device emits its first task at startS + intervalS, the next one intervalS later. */
  intervalS?: number;
  durationS?: number;
  compute?: "fifo-cores" | "processor-sharing";
  edgeVm?: { cores: number; mipsPerCore: number; ramMb?: number };
  cloudVm?: { cores: number; mipsPerCore: number; ramMb?: number };
  linkMbps?: number;
  cloudPropagationS?: number;
  utilPct?: number;
}

export function tinyScenario(o: TinyOptions = {}): ResolvedScenario {
  const interval = o.intervalS ?? 50;
  const link = (prop: number) => ({
    minMbps: o.linkMbps ?? 10, maxMbps: o.linkMbps ?? 10, redrawIntervalS: 1000, propagationDelayS: prop,
  });
  const data: ScenarioInput = {
    name: "tiny",
    simulation: { durationS: o.durationS ?? 99, warmupS: 0, utilizationSampleIntervalS: 1 },
    deviceCounts: [1],
    workload: {
      startS: 0,
      sizeDistribution: "fixed",
      apps: [{
        name: "APP", sharePct: 100, delaySensitivity: 0.5, lengthMi: o.lengthMi ?? 1000,
        uploadKb: o.uploadKb ?? 0, downloadKb: o.downloadKb ?? 0, maxDelayS: o.maxDelayS ?? null, memoryMb: 0,
        vmUtilizationPct: { edge: o.utilPct ?? 10, cloud: o.utilPct ?? 10 },
        arrival: { model: "uniform-interval", minIntervalS: interval, maxIntervalS: interval },
      }],
    },
    edge: { hosts: [{ accessPoint: 0, vms: [{ ...(o.edgeVm ?? { cores: 1, mipsPerCore: 1000 }) }] }] },
    cloud: { vms: [{ ...(o.cloudVm ?? { cores: 4, mipsPerCore: 10000 }) }] },
    network: { model: "shared-links", remoteEdge: link(0.005), cloud: link(o.cloudPropagationS ?? 0.1) },
    compute: { model: o.compute ?? "fifo-cores" },
    mobility: { model: "static" },
  };
  return resolveScenario(data, "tiny");
}

/** A policy that always picks the same VM (0 = the edge VM, 1 = the cloud VM in tinyScenario). */
export function fixedVm(vm: number): PolicyFactory {
  return { name: `fixed-vm-${vm}`, description: "test", create: () => ({ name: `fixed-vm-${vm}`, decide: () => vm }) };
}
