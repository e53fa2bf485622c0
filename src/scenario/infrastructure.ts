// The static infrastructure as flat arrays: VMs numbered edge hosts first (host by host), then
// the cloud. A VM's host is -1 for the cloud. Built once per replica from the scenario.
import type { Scenario } from "./schema.ts";

export const TIER_LOCAL_EDGE = 0;
export const TIER_REMOTE_EDGE = 1;
export const TIER_CLOUD = 2;
export const TIER_NAMES = ["localEdge", "remoteEdge", "cloud"] as const;
export type TierName = (typeof TIER_NAMES)[number];

export interface Infrastructure {
  readonly vmCount: number;
  readonly hostCount: number;
  /** Edge host of each VM, -1 for cloud VMs. */
  readonly vmHost: Int32Array;
  readonly vmCores: Int32Array;
  readonly vmMipsPerCore: Float64Array;
  readonly vmRamMb: Float64Array;
  /** VMs of host h are [hostVmStart[h], hostVmEnd[h]). */
  readonly hostVmStart: Int32Array;
  readonly hostVmEnd: Int32Array;
  readonly hostAccessPoint: Int32Array;
  readonly hostAttractiveness: Int32Array;
  /** Cloud VMs are [cloudVmStart, vmCount). */
  readonly cloudVmStart: number;
  /** Host at each access point (index = access point id), -1 when none. */
  readonly accessPointHost: Int32Array;
  readonly accessPointCount: number;
}

export function buildInfrastructure(s: Scenario): Infrastructure {
  const hosts = s.edge.hosts;
  const edgeVms = hosts.reduce((n, h) => n + h.vms.length, 0);
  const vmCount = edgeVms + s.cloud.vms.length;
  const vmHost = new Int32Array(vmCount);
  const vmCores = new Int32Array(vmCount);
  const vmMipsPerCore = new Float64Array(vmCount);
  const vmRamMb = new Float64Array(vmCount);
  const hostVmStart = new Int32Array(hosts.length);
  const hostVmEnd = new Int32Array(hosts.length);
  const hostAccessPoint = new Int32Array(hosts.length);
  const hostAttractiveness = new Int32Array(hosts.length);
  let v = 0;
  hosts.forEach((host, h) => {
    hostVmStart[h] = v;
    hostAccessPoint[h] = host.accessPoint;
    hostAttractiveness[h] = host.attractiveness;
    for (const vm of host.vms) {
      vmHost[v] = h;
      vmCores[v] = vm.cores;
      vmMipsPerCore[v] = vm.mipsPerCore;
      vmRamMb[v] = vm.ramMb;
      v++;
    }
    hostVmEnd[h] = v;
  });
  const cloudVmStart = v;
  for (const vm of s.cloud.vms) {
    vmHost[v] = -1;
    vmCores[v] = vm.cores;
    vmMipsPerCore[v] = vm.mipsPerCore;
    vmRamMb[v] = vm.ramMb;
    v++;
  }
  const accessPointCount = Math.max(...hosts.map((h) => h.accessPoint)) + 1;
  const accessPointHost = new Int32Array(accessPointCount).fill(-1);
  hosts.forEach((host, h) => (accessPointHost[host.accessPoint] = h));
  return {
    vmCount, hostCount: hosts.length, vmHost, vmCores, vmMipsPerCore, vmRamMb, hostVmStart, hostVmEnd,
    hostAccessPoint, hostAttractiveness, cloudVmStart, accessPointHost, accessPointCount,
  };
}

/** Tier of `vm` for a device at access point `ap`: its local edge, a remote edge, or the cloud. */
export function tierOf(infra: Infrastructure, vm: number, ap: number): number {
  const host = infra.vmHost[vm]!;
  if (host < 0) return TIER_CLOUD;
  return infra.hostAccessPoint[host] === ap ? TIER_LOCAL_EDGE : TIER_REMOTE_EDGE;
}
