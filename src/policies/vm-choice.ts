// VM choice inside a tier for policies written in TypeScript. "Worst fit" is EdgeCloudSim's
// least-loaded rule: among the VMs that admit the task, the one with the largest free share
// (100 − utilization %); ties go to the lowest VM id (EdgeCloudSim scans in order with a strict
// comparison). The rule itself is the engine's (assembly/policies/vm-choice.ts), asked through the view.
import { TIER_CLOUD, TIER_LOCAL_EDGE, TIER_REMOTE_EDGE } from "../scenario/infrastructure.ts";
import type { SystemView } from "./types.ts";

/** Least-loaded admitting VM in [start, end), or -1: the engine's rule (SystemView.worstFit). */
export function worstFit(view: SystemView, task: number, start: number, end: number): number {
  return view.worstFit(task, start, end);
}

export function worstFitCloud(view: SystemView, task: number): number {
  return worstFit(view, task, view.infra.cloudVmStart, view.infra.vmCount);
}

/** EdgeCloudSim GENERIC_EDGE: the least-loaded admitting VM over all edge hosts. */
export function worstFitAllEdge(view: SystemView, task: number): number {
  return worstFit(view, task, 0, view.infra.cloudVmStart);
}

export function worstFitHost(view: SystemView, task: number, host: number): number {
  return worstFit(view, task, view.infra.hostVmStart[host]!, view.infra.hostVmEnd[host]!);
}

export const TIERS = [TIER_LOCAL_EDGE, TIER_REMOTE_EDGE, TIER_CLOUD] as const;
