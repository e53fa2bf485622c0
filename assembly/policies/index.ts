// The built-in policies, run inside WASM so a decision never leaves it (their descriptors, options
// and documentation: src/policies/*.ts). Policy ids are the host's (src/policies/native-ids.ts,
// generated into layout.gen.ts); POLICY_HOST means "ask the host" (a TypeScript policy).
import { paramsComplete, paramsReject, paramsStart } from "../kernel/params";
import { at, inputAddress, inputBad, record } from "../kernel/state";
import { viewInit } from "../decision/view";
import { vmChoiceInit } from "./vm-choice";
import { policyStats, statsInit } from "./stats";
import { fastestVmInit } from "./fastest-vm";
import { decideRandom, randomInit } from "./random";
import { decideUtilizationBased, utilizationBasedInit } from "./utilization-based";
import { decideGreedyMinService } from "./greedy-min-service";
import { decideExpertRules } from "./expert-rules";
import { decideNetworkBased } from "./network-based";
import { decideHybrid } from "./hybrid";
import { decideBestFit, decideFirstFit, decideNextFit, decideWorstFit, nextFitInit } from "./vm-fit";
import { almutairiInit, decideAlmutairi } from "./almutairi";
import { decideFlores, floresInit } from "./flores";
import { decideSonmez, sonmezInit } from "./sonmez";
import { nnDecide, nnDecideBatch, nnInit } from "./neural-network";
// Policy ids come from the boundary declaration (src/engine/wasm/boundary.ts POLICY_IDS).
import {
  POLICY_ALMUTAIRI, POLICY_BEST_FIT, POLICY_EXPERT_RULES, POLICY_FIRST_FIT, POLICY_FLORES, POLICY_GREEDY_MIN_SERVICE,
  POLICY_HOST, POLICY_HYBRID, POLICY_NETWORK_BASED, POLICY_NEURAL_NETWORK, POLICY_NEXT_FIT, POLICY_RANDOM, POLICY_SONMEZ,
  POLICY_UTILIZATION_BASED, POLICY_WORST_FIT, IN_POLICY_FIELDS, IN_POLICY_PARAM_COUNT, IN_POLICY_POLICY_ID,
} from "../kernel/layout.gen";
// A new built-in policy: an id in src/policies/native-ids.ts, a case in policyDecide, its parameters
// read by its init from policiesInit (written by its descriptor's `native.encode`), and whether
// its "no VM" answer may be cached per app (policyCachesRefusals). A policy that decides a batch as a
// whole (its own order and per-batch state) also says so in policyDecidesBatches and gets the batch in
// policyDecideBatch. Each policy lives in its own file, named like the policy (shared helpers:
// vm-choice.ts, fastest-vm.ts, fuzzy.ts, fuzzy-params.ts); this file only dispatches.

export let policyKind: i32 = POLICY_HOST;
/**
 * Reads the policy's parameters (its descriptor's `encode`, in place in the input); false when they
 * do not fit this engine, or some are left unread (the input is refused).
 */
export function policiesInit(): bool {
  const r = record(IN_POLICY_FIELDS);
  policyKind = <i32>at(r + IN_POLICY_POLICY_ID);
  const count = <i32>at(r + IN_POLICY_PARAM_COUNT);
  const first = record(max(count, 0));
  // Read where they lie in the input (it lives as long as the replica: a rule base is used in place).
  paramsStart(inputAddress(first), inputBad() ? 0 : max(count, 0));
  if (count < 0) paramsReject();
  if (policyKind == POLICY_UTILIZATION_BASED) utilizationBasedInit();
  statsInit();
  fastestVmInit();
  if (policyKind == POLICY_RANDOM) randomInit();
  viewInit();
  vmChoiceInit();
  if (policyKind == POLICY_NEXT_FIT) nextFitInit();
  if (policyKind == POLICY_FLORES) floresInit();
  if (policyKind == POLICY_SONMEZ) sonmezInit();
  if (policyKind == POLICY_ALMUTAIRI) almutairiInit();
  if (policyKind == POLICY_NEURAL_NETWORK && !nnInit()) return false;
  return paramsComplete();
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
// @ts-ignore: decorator
@inline export function policyDecide(task: i32): i32 {
  switch (policyKind) {
    case POLICY_RANDOM: return decideRandom(task);
    case POLICY_UTILIZATION_BASED: return decideUtilizationBased(task);
    case POLICY_GREEDY_MIN_SERVICE: return decideGreedyMinService(task);
    case POLICY_EXPERT_RULES: return decideExpertRules(task);
    case POLICY_NETWORK_BASED: return decideNetworkBased(task);
    case POLICY_HYBRID: return decideHybrid(task);
    case POLICY_FIRST_FIT: return decideFirstFit(task);
    case POLICY_NEXT_FIT: return decideNextFit(task);
    case POLICY_BEST_FIT: return decideBestFit(task);
    case POLICY_WORST_FIT: return decideWorstFit(task);
    case POLICY_FLORES: return decideFlores(task, policyStats);
    case POLICY_SONMEZ: return decideSonmez(task, policyStats);
    case POLICY_ALMUTAIRI: return decideAlmutairi(task, policyStats);
    case POLICY_NEURAL_NETWORK: return nnDecide(task);
  }
  return -1;
}

