// The scenario and replica configuration as the flat f64 array the WASM engine reads. Its layout is
// declared once in src/engine/wasm/boundary.ts; each record is built here as an object keyed by the
// declared field names (the compiler checks that every field is given) and written in the declared
// order, so the writer cannot drift from the declaration. Integers are exact in f64.
import type { Scenario } from "../../scenario/schema.ts";
import type { ModelUse } from "../../nn/model-set.ts";
import type { EngineHooks, ReplicaConfig } from "./engine.ts";
import {
  ARRIVAL_MODEL, COMPUTE_MODEL, INPUT_APP, INPUT_ECS_MAN, INPUT_HEAD, INPUT_HOST, INPUT_LINK, INPUT_MOBILITY, INPUT_POLICY,
  INPUT_VERSION, INPUT_VM, MOBILITY_MODEL, NETWORK_MODEL,
} from "./boundary.ts";

/** A built-in policy bound inside WASM: its id (its descriptor's: src/policies/native-ids.ts, via boundary.ts POLICY_IDS) and its parameters, read by the policy's own init. */
export interface NativePolicy {
  id: number;
  /** Flat parameters in the order the WASM policy reads them (e.g. utilization-based: [thresholdPct]). */
  params: ArrayLike<number>;
  /** Names of the WASM policy's counters, in order (reported as policyStats). */
  statNames: readonly string[];
  /** What the policy asks of the host while it runs (neural-network with backend=onnx: the forward passes). */
  hooks?: EngineHooks;
  /** The model files the policy's encoder loaded. */
  models?: readonly ModelUse[];
}

type Fields<T extends readonly string[]> = { readonly [K in T[number]]: number };

export function encodeInput(s: Readonly<Scenario>, config: ReplicaConfig, policy: NativePolicy): Float64Array {
  const out: number[] = [];
  const push = (...xs: number[]) => {
    for (const x of xs) out.push(x);
  };
  const record = <T extends readonly string[]>(fields: T, values: Fields<T>) => {
    for (const f of fields) out.push(values[f as T[number]]);
  };
  const bool = (b: boolean) => (b ? 1 : 0);
  record(INPUT_HEAD, {
    inputVersion: INPUT_VERSION, devices: config.devices, seed: config.seed, durationS: config.durationS,
    warmupS: config.warmupS, utilIntervalS: s.simulation.utilizationSampleIntervalS,
    utilWholeRun: bool(s.simulation.utilizationWindow === "whole-run"), countWarmupRejections: bool(s.simulation.countWarmupRejections),
    batchIntervalS: s.orchestration.batchIntervalS, overflowQueue: bool(s.orchestration.overflowQueue),
    computeModel: COMPUTE_MODEL[s.compute.model], cpuMaxFraction: s.compute.cpuMaxFraction,
    admitRunningOnly: bool(s.compute.admission === "running-tasks"), startS: s.workload.startS,
    sizeFixed: bool(s.workload.sizeDistribution === "fixed"), integerSizes: bool(s.workload.integerSizes),
  });
  push(s.workload.apps.length);
  for (const a of s.workload.apps) {
    const r = a.arrival;
    const uniform = r.model === "uniform-interval";
    record(INPUT_APP, {
      sharePct: a.sharePct, delaySensitivity: a.delaySensitivity, lengthMi: a.lengthMi, uploadKb: a.uploadKb,
      downloadKb: a.downloadKb, maxDelayS: a.maxDelayS ?? Infinity, memoryMb: a.memoryMb, requiredCores: a.requiredCores,
      edgeUtilPct: a.vmUtilizationPct.edge, cloudUtilPct: a.vmUtilizationPct.cloud, arrivalModel: ARRIVAL_MODEL[r.model],
      arrivalP1: uniform ? r.minIntervalS : r.meanInterarrivalS, arrivalP2: uniform ? r.maxIntervalS : r.activePeriodS,
      arrivalP3: uniform ? 0 : r.idlePeriodS,
    });
  }
  const hosts = s.edge.hosts;
  type Vm = (typeof s.cloud.vms)[number];
  const vm = (v: Vm) => record(INPUT_VM, { cores: v.cores, mipsPerCore: v.mipsPerCore, ramMb: v.ramMb });
  push(hosts.reduce((n, h) => n + h.vms.length, 0) + s.cloud.vms.length, hosts.length);
  for (const h of hosts) {
    record(INPUT_HOST, { accessPoint: h.accessPoint, attractiveness: h.attractiveness, vmCount: h.vms.length });
    for (const v of h.vms) vm(v);
  }
  push(s.cloud.vms.length);
  for (const v of s.cloud.vms) vm(v);
  const mob = s.mobility;
  const dwell = mob.model === "nomadic" ? mob.meanDwellByAttractivenessS : [0, 0, 0];
  record(INPUT_MOBILITY, { model: MOBILITY_MODEL[mob.model], dwellS0: dwell[0]!, dwellS1: dwell[1]!, dwellS2: dwell[2]! });
  const net = s.network;
  push(NETWORK_MODEL[net.model]);
  if (net.model === "shared-links") {
    for (const l of [net.remoteEdge, net.cloud]) {
      record(INPUT_LINK, {
        minMbps: l.minMbps, maxMbps: l.maxMbps, redrawIntervalS: l.redrawIntervalS, propagationDelayS: l.propagationDelayS,
        maxConcurrentTransfers: l.maxConcurrentTransfers,
      });
    }
  } else {
    push(net.wlanCapacityFactor, net.wlanKbpsByActiveClients.length, ...net.wlanKbpsByActiveClients);
    push(net.wanKbpsByActiveClients.length, ...net.wanKbpsByActiveClients);
    const m = net.man;
    record(INPUT_ECS_MAN, {
      bandwidthKbps: m.bandwidthKbps, propagationDelayS: m.propagationDelayS, maxDelayS: m.maxDelayS,
      estimatorIntervalS: m.estimatorIntervalS, firstEstimatorUpdateS: m.firstEstimatorUpdateS, probeSizeKb: net.probeSizeKb,
      probesLoadEstimator: bool(m.probesLoadEstimator),
    });
  }
  record(INPUT_POLICY, { policyId: policy.id, paramCount: policy.params.length });
  for (let i = 0; i < policy.params.length; i++) out.push(policy.params[i]!);
  return Float64Array.from(out);
}
