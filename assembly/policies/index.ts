// The built-in policies, run inside WASM so a decision never leaves it (src/policies/*.ts, same
// rules, same floating-point order, same random stream). Policy ids are the host's
// (src/engine/wasm/layout.ts); POLICY_HOST means "ask the host" (a TypeScript policy).
import { allocF64, allocI32, getF64, getI32, setF64 } from "../kernel/mem";
import { integer, streamsCreate } from "../kernel/rng";
import * as S from "../kernel/state";
import {
  TIER_CLOUD, TIER_LOCAL_EDGE, TIER_REMOTE_EDGE, appSensitivity, cloudVmStart, cpuMaxFraction, hostVmEnd, hostVmStart,
  next, nextI32, seed, vmCount,
} from "../kernel/state";
import { tApp, tDevice, tLengthMi } from "../kernel/tasks";
import { fits, loadFraction, vmUtilPct } from "../model/compute/index";
import { tierBandwidthMbps } from "../model/network/index";
import { deviceAccessPoint } from "../model/mobility";
import { feasibilityTier } from "../feasibility";
import { estimateServiceS, hostUtilPct, localHost, meanEdgeUtilPct, viewInit } from "../view";
import * as ecs from "./edgecloudsim";
import * as fuzzy from "./fuzzy-policies";
import { bestFit, firstFit, vmChoiceInit, worstFitAllEdge, worstFitCloud } from "./vm-choice";
import { nnDecide, nnDecideBatch, nnInit } from "./neural-network";

export const POLICY_HOST: i32 = 0;
export const POLICY_RANDOM: i32 = 1;
export const POLICY_UTILIZATION_BASED: i32 = 2;
export const POLICY_GREEDY_MIN_SERVICE: i32 = 3;
export const POLICY_EXPERT_RULES: i32 = 4;
export const POLICY_NETWORK_BASED: i32 = 5;
export const POLICY_HYBRID: i32 = 6;
export const POLICY_FIRST_FIT: i32 = 7;
export const POLICY_NEXT_FIT: i32 = 8;
export const POLICY_BEST_FIT: i32 = 9;
export const POLICY_WORST_FIT: i32 = 10;
export const POLICY_FLORES: i32 = 11;
export const POLICY_SONMEZ: i32 = 12;
export const POLICY_ALMUTAIRI: i32 = 13;
export const POLICY_NEURAL_NETWORK: i32 = 14;
// A new built-in policy: an id above (and in src/engine/wasm/layout.ts), a case in policyDecide, its
// parameters read in policiesInit (written by its binder in src/engine/wasm/policies.ts), and whether
// its "no VM" answer may be cached per app (policyCachesRefusals). A policy that decides a batch as a
// whole (its own order and per-batch state) also says so in policyDecidesBatches and gets the batch in
// policyDecideBatch. Families with their own state live in sibling files (policies-edgecloudsim.ts,
// policy-nn.ts, ...), this file only dispatches.

export let policyKind: i32 = POLICY_HOST;
let thresholdPct: f64 = 80;
let rng: usize = 0;
/** Counters reported with the run (expert-rules: how often each rule fired). */
export let policyStats: usize = 0; // f64[POLICY_STAT_COUNT]
export const POLICY_STAT_COUNT: i32 = 16;
/** The policy's flat parameters (its binder's `params`), read by its init. */
export let policyParams: usize = 0; // f64[policyParamCount]
export let policyParamCount: i32 = 0;
let scratchMask: usize = 0; // i32[vmCount], the tier call's output
let lastEstimate: f64 = 0;
let saturatedEvent: f64 = -1;
let saturatedEpoch: f64 = -1;
let saturated: bool = false;

/** Reads the policy's parameters; false when they do not fit this engine (the input is refused). */
export function policiesInit(): bool {
  policyKind = nextI32();
  policyParamCount = nextI32();
  policyParams = allocF64(policyParamCount);
  for (let i = 0; i < policyParamCount; i++) setF64(policyParams, i, next());
  thresholdPct = policyKind == POLICY_UTILIZATION_BASED ? getF64(policyParams, 0) : 80;
  policyStats = allocF64(POLICY_STAT_COUNT);
  scratchMask = allocI32(vmCount);
  rng = policyKind == POLICY_RANDOM ? streamsCreate(seed, "policy:random", 1) : 0;
  saturatedEvent = -1;
  saturatedEpoch = -1;
  viewInit();
  vmChoiceInit();
  if (policyKind == POLICY_NEXT_FIT) ecs.nextFitInit();
  if (policyKind == POLICY_FLORES) fuzzy.floresInit(policyParams);
  if (policyKind == POLICY_SONMEZ) fuzzy.sonmezInit(policyParams);
  if (policyKind == POLICY_ALMUTAIRI) fuzzy.almutairiInit(policyParams);
  if (policyKind == POLICY_NEURAL_NETWORK) return nnInit(policyParams, policyParamCount);
  return true;
}

/**
 * True when the policy decides a whole batch itself (policyDecideBatch): the engine then offers it
 * the batch exactly as it offers a host policy's decideBatch, instead of one task at a time.
 */
export function policyDecidesBatches(): bool {
  return policyKind == POLICY_NEURAL_NETWORK;
}

/** The batch's offers (i32 task ids at `tasks`, in offer order): the policy assigns as it decides. */
export function policyDecideBatch(tasks: usize, count: i32): void {
  nnDecideBatch(tasks, count);
}

/**
 * Is every VM's load U above CPU_max (+ the 1e-12 slack of C3)? Then C3 fails for every task on
 * every VM (its demand is ≥ 0), no VM is feasible, and the feasibility-based policies refuse every
 * task: an exact shortcut for the overloaded paper world, where it holds most of the time. Cached
 * for the current event and state epoch (loads change only with the epoch, inside one event).
 */
function allVmsSaturated(): bool {
  if (saturatedEvent == S.eventCount && saturatedEpoch == S.stateEpoch) return saturated;
  const limit = cpuMaxFraction + 1e-12;
  let all = true;
  for (let vm = 0; vm < vmCount && all; vm++) if (!(loadFraction(vm) > limit)) all = false;
  saturatedEvent = S.eventCount;
  saturatedEpoch = S.stateEpoch;
  saturated = all;
  return all;
}

/**
 * True when the policy's decision depends on the task only through its app and on nothing that
 * changes without a state-epoch bump inside one batch, has no side effects, and may be skipped:
 * then a -1 for an app stays -1 for that app until the next state change in the batch.
 */
export function policyCachesRefusals(): bool {
  // first/best/worst-fit: the VMs' admission of a task depends on its app only (compute fitsApp).
  return policyKind == POLICY_UTILIZATION_BASED || policyKind == POLICY_FIRST_FIT || policyKind == POLICY_BEST_FIT
    || policyKind == POLICY_WORST_FIT;
}

/** The policy's VM for the task, or -1. */
export function policyDecide(task: i32): i32 {
  switch (policyKind) {
    case POLICY_RANDOM: return decideRandom(task);
    case POLICY_UTILIZATION_BASED: return decideUtilizationBased(task);
    case POLICY_GREEDY_MIN_SERVICE: return decideGreedyMinService(task);
    case POLICY_EXPERT_RULES: return decideExpertRules(task);
    case POLICY_NETWORK_BASED: return ecs.decideNetworkBased(task);
    case POLICY_HYBRID: return ecs.decideHybrid(task);
    case POLICY_FIRST_FIT: return firstFit(task, 0, cloudVmStart);
    case POLICY_NEXT_FIT: return ecs.decideNextFit(task);
    case POLICY_BEST_FIT: return bestFit(task, 0, cloudVmStart);
    case POLICY_WORST_FIT: return worstFitAllEdge(task);
    case POLICY_FLORES: return fuzzy.decideFlores(task, policyStats);
    case POLICY_SONMEZ: return fuzzy.decideSonmez(task, policyStats);
    case POLICY_ALMUTAIRI: return fuzzy.decideAlmutairi(task, policyStats);
    case POLICY_NEURAL_NETWORK: return nnDecide(task);
  }
  return -1;
}

// ---- VM choice (src/policies/vm-choice.ts) ------------------------------------------------------
// VMs are numbered host by host, so the VMs of a tier seen from a device are, in the order
// forEachVmInTier visits them: local edge [start(local), end(local)); remote edge [0, cloudStart)
// without the local host's range; cloud [cloudStart, vmCount).

/** Best (smallest estimated service) admitting and C2–C4-feasible VM among [start, end) of the mask. */
function fastestIn(task: i32, start: i32, end: i32, best: i32): i32 {
  for (let vm = start; vm < end; vm++) {
    if (getI32(scratchMask, vm) != 0) continue;
    const s = estimateServiceS(task, vm);
    if (s < lastEstimate || best < 0) {
      best = vm;
      lastEstimate = s;
    }
  }
  return best;
}

/** The tier's fastest feasible VM (or -1); its estimate is left in lastEstimate (Infinity if none). */
export function fastestVmInTier(task: i32, tier: i32): i32 {
  feasibilityTier(task, tier, scratchMask);
  lastEstimate = Infinity;
  if (tier == TIER_CLOUD) return fastestIn(task, cloudVmStart, vmCount, -1);
  const local = localHost(task);
  if (tier == TIER_LOCAL_EDGE) return local >= 0 ? fastestIn(task, getI32(hostVmStart, local), getI32(hostVmEnd, local), -1) : -1;
  if (local < 0) return fastestIn(task, 0, cloudVmStart, -1);
  const best = fastestIn(task, 0, getI32(hostVmStart, local), -1);
  return fastestIn(task, getI32(hostVmEnd, local), cloudVmStart, best);
}

// ---- random (src/policies/random.ts) ------------------------------------------------------------
function decideRandom(task: i32): i32 {
  const local = localHost(task);
  const localCount = local >= 0 ? getI32(hostVmEnd, local) - getI32(hostVmStart, local) : 0;
  const remoteCount = cloudVmStart - localCount;
  const cloudCount = vmCount - cloudVmStart;
  let tiers = 0;
  if (localCount > 0) tiers++;
  if (remoteCount > 0) tiers++;
  if (cloudCount > 0) tiers++;
  let pick = integer(rng, 0, tiers);
  let tier = TIER_LOCAL_EDGE;
  if (localCount > 0) {
    if (pick == 0) tier = TIER_LOCAL_EDGE;
    pick--;
  }
  if (pick >= 0 && remoteCount > 0) {
    if (pick == 0) tier = TIER_REMOTE_EDGE;
    pick--;
  }
  if (pick >= 0 && cloudCount > 0) {
    if (pick == 0) tier = TIER_CLOUD;
  }
  let vm: i32;
  if (tier == TIER_LOCAL_EDGE) {
    vm = getI32(hostVmStart, local) + integer(rng, 0, localCount);
  } else if (tier == TIER_REMOTE_EDGE) {
    const k = integer(rng, 0, remoteCount);
    vm = local >= 0 && k >= getI32(hostVmStart, local) ? k + localCount : k;
  } else {
    vm = cloudVmStart + integer(rng, 0, cloudCount);
  }
  return fits(task, vm) ? vm : -1;
}

// ---- utilization-based (src/policies/utilization-based.ts) --------------------------------------
function decideUtilizationBased(task: i32): i32 {
  return meanEdgeUtilPct() > thresholdPct ? worstFitCloud(task) : worstFitAllEdge(task);
}

// ---- greedy-min-service (src/policies/greedy-min-service.ts) ------------------------------------
function decideGreedyMinService(task: i32): i32 {
  if (allVmsSaturated()) return -1;
  let best = -1;
  let bestS: f64 = Infinity;
  for (let tier = 0; tier < 3; tier++) {
    const vm = fastestVmInTier(task, tier);
    if (vm >= 0 && lastEstimate < bestS) {
      best = vm;
      bestS = lastEstimate;
    }
  }
  return best;
}

// ---- expert-rules (src/policies/expert-rules.ts) ------------------------------------------------
const RULE_LOCAL: i32 = 0;
const RULE_REMOTE: i32 = 1;
const RULE_CLOUD: i32 = 2;
const RULE_GAP: i32 = 3;

function expertRule(task: i32): i32 {
  const ts = getF64(appSensitivity, getI32(tApp, task));
  const gi = getF64(tLengthMi, task) / 1000;
  const local = localHost(task);
  const u0 = local >= 0 ? hostUtilPct(local) / 100 : 1;
  if (ts > 0.7 && gi < 10 && u0 < 0.6) return RULE_LOCAL;
  const ap = getI32(deviceAccessPoint, getI32(tDevice, task));
  if (ts >= 0.3 && ts <= 0.7 && gi >= 10 && gi <= 30 && tierBandwidthMbps(TIER_REMOTE_EDGE, ap) > 50) return RULE_REMOTE;
  if (ts < 0.3 || gi > 30) return RULE_CLOUD;
  return RULE_GAP;
}

function decideExpertRules(task: i32): i32 {
  const rule = expertRule(task);
  setF64(policyStats, rule, getF64(policyStats, rule) + 1);
  if (allVmsSaturated()) return -1;
  const vm0 = fastestVmInTier(task, TIER_LOCAL_EDGE);
  const est0 = vm0 >= 0 ? lastEstimate : Infinity;
  const vm1 = fastestVmInTier(task, TIER_REMOTE_EDGE);
  const est1 = vm1 >= 0 ? lastEstimate : Infinity;
  const vm2 = fastestVmInTier(task, TIER_CLOUD);
  const est2 = vm2 >= 0 ? lastEstimate : Infinity;
  if (rule == RULE_LOCAL && vm0 >= 0) return vm0;
  if (rule == RULE_REMOTE && vm1 >= 0) return vm1;
  if (rule == RULE_CLOUD && vm2 >= 0) return vm2;
  // Otherwise the tier whose best feasible VM has the smallest estimate (first on ties).
  let best = -1;
  let bestEst: f64 = 0;
  if (vm0 >= 0) {
    best = vm0;
    bestEst = est0;
  }
  if (vm1 >= 0 && (best < 0 || est1 < bestEst)) {
    best = vm1;
    bestEst = est1;
  }
  if (vm2 >= 0 && (best < 0 || est2 < bestEst)) best = vm2;
  return best;
}
