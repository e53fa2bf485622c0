// The scenario and replica configuration as the flat f64 array the WASM engine reads
// (assembly/engine/state.ts readScenario, then network-*.ts init, then policies.ts policiesInit:
// same order, field by field). Every value is a plain number: integers are exact in f64.
import type { Scenario } from "../../scenario/schema.ts";
import type { ReplicaConfig } from "../replica.ts";
import { INPUT_VERSION } from "./layout.ts";

/** A built-in policy bound inside WASM: its id (layout.ts) and its parameters, read by the policy's own init. */
export interface NativePolicy {
  id: number;
  /** Flat parameters in the order the WASM policy reads them (e.g. utilization-based: [thresholdPct]). */
  params: ArrayLike<number>;
  /** Names of the WASM policy's counters, in order (reported as policyStats). */
  statNames: readonly string[];
}

export function encodeInput(s: Readonly<Scenario>, config: ReplicaConfig, policy: NativePolicy): Float64Array {
  const out: number[] = [];
  const push = (...xs: number[]) => {
    for (const x of xs) out.push(x);
  };
  const bool = (b: boolean) => (b ? 1 : 0);
  push(
    INPUT_VERSION, config.devices, config.seed, config.durationS, config.warmupS, s.simulation.utilizationSampleIntervalS,
    bool(s.simulation.utilizationWindow === "whole-run"), bool(s.simulation.countWarmupRejections),
    s.orchestration.batchIntervalS, bool(s.orchestration.overflowQueue), s.compute.model === "fifo-cores" ? 0 : 1,
    s.compute.cpuMaxFraction, s.workload.startS, bool(s.workload.sizeDistribution === "fixed"), bool(s.workload.integerSizes),
  );
  push(s.workload.apps.length);
  for (const a of s.workload.apps) {
    push(a.sharePct, a.delaySensitivity, a.lengthMi, a.uploadKb, a.downloadKb, a.maxDelayS ?? Infinity, a.memoryMb, a.requiredCores);
    push(a.vmUtilizationPct.edge, a.vmUtilizationPct.cloud);
    const r = a.arrival;
    if (r.model === "uniform-interval") push(0, r.minIntervalS, r.maxIntervalS, 0);
    else push(1, r.meanInterarrivalS, r.activePeriodS, r.idlePeriodS);
  }
  const hosts = s.edge.hosts;
  push(hosts.reduce((n, h) => n + h.vms.length, 0) + s.cloud.vms.length, hosts.length);
  for (const h of hosts) {
    push(h.accessPoint, h.attractiveness, h.vms.length);
    for (const vm of h.vms) push(vm.cores, vm.mipsPerCore, vm.ramMb);
  }
  push(s.cloud.vms.length);
  for (const vm of s.cloud.vms) push(vm.cores, vm.mipsPerCore, vm.ramMb);
  const mob = s.mobility;
  push(mob.model === "nomadic" ? 1 : 0, ...(mob.model === "nomadic" ? mob.meanDwellByAttractivenessS : [0, 0, 0]));
  const net = s.network;
  if (net.model === "shared-links") {
    push(0);
    for (const l of [net.remoteEdge, net.cloud]) push(l.minMbps, l.maxMbps, l.redrawIntervalS, l.propagationDelayS, l.maxConcurrentTransfers);
  } else {
    push(1, net.wlanCapacityFactor, net.wlanKbpsByActiveClients.length, ...net.wlanKbpsByActiveClients);
    push(net.wanKbpsByActiveClients.length, ...net.wanKbpsByActiveClients);
    const m = net.man;
    push(m.bandwidthKbps, m.propagationDelayS, m.maxDelayS, m.estimatorIntervalS, m.firstEstimatorUpdateS, net.probeSizeKb);
    push(bool(m.probesLoadEstimator));
  }
  push(policy.id, policy.params.length);
  for (let i = 0; i < policy.params.length; i++) out.push(policy.params[i]!);
  return Float64Array.from(out);
}
