// Training data for the neural offloader, from simulated system states of a scenario.
//
// Replicas of the scenario run on the WASM engine at device counts across its sweep (load,
// utilization and, through the links' redraws, bandwidth vary with them), decided by a built-in
// behaviour policy (expert-rules and greedy-min-service on alternate replicas, asked per task
// through the engine's hand-off) so the states look like those the network meets. At
// sampled decisions (evenly spaced in simulated time after a warm-up, a random task of the batch)
// a recording wrapper takes, from the live view:
//   - the tier features (src/training/extractor.ts) and the expert label (the engine's rule; the gap rule gives
//     the feasible tier with the smallest estimated service time);
//   - the outcome label: the simulation is forked at that instant (the WASM engine's whole state
//     copied into a second instance: src/engine/wasm/snapshot.ts),
//     the task forced onto the best VM of each tier (smallest estimated service time among the
//     feasible VMs, else among those that admit it) and each fork run until the task ends or its
//     deadline passes. The label is the tier with the smallest simulated service time among those
//     that met the deadline; when none did, the tier with the smallest estimate (counted as
//     `outcomeFallback`). Forks freeze the world after the decision (no new arrivals, the waiting
//     tasks not retried): exact for what is already queued or transferring, optimistic about
//     contention that arrives later; that keeps a fork at a few milliseconds.
//   - VM samples for VMCompatibilityNN: the VM features of each forked (task, VM) pair plus one
//     extra fork on a random admitting VM, with the simulated outcome as target: log(service time)
//     when the task met its deadline, log(2 × T_max) when it did not (no deadline: 2 × horizon).
import { deriveSeed, StreamSet } from "../kernel/random.ts";
import { WasmEngine } from "../engine/wasm/engine.ts";
import { RUN_DECIDE_BATCH, RUN_DECIDE_TASK, RUN_DONE, RUN_ERRORS } from "../engine/wasm/boundary.ts";
import { nativePolicy } from "../engine/wasm/policies.ts";
import { copyEngineState } from "../engine/wasm/snapshot.ts";
import { createWasmView, validVm } from "../engine/wasm/view.ts";
import { expertRulesPolicy, RULE_CLOUD, RULE_GAP, RULE_LOCAL, RULE_REMOTE } from "../policies/expert-rules.ts";
import { greedyMinServicePolicy } from "../policies/greedy-min-service.ts";
import type { PolicyDescriptor, SystemView } from "../policies/types.ts";
import { TIERS } from "../policies/vm-choice.ts";
import type { ResolvedScenario } from "../scenario/validate.ts";
import { checkRunWindow } from "../scenario/run-window.ts";
import { TIER_COUNT, TIER_FEATURES, VM_FEATURES } from "../nn/features.ts";
import { FeatureExtractor } from "./extractor.ts";
import { bestVmOfTier, expertLabel, smallestEstimateTier } from "./labels.ts";

/** Horizon of a fork when the task has no deadline (s). */
export const NO_DEADLINE_HORIZON_S = 30;

export interface DatasetOptions {
  /** Tier samples to collect. @default 10000 */
  samples?: number;
  seed: number;
  /** Replicas (device counts cycle through the scenario's sweep). @default one per sweep point */
  replicas?: number;
  /** Simulated time before sampling starts (s). @default 10 */
  warmupS?: number;
  /** Simulated time over which a replica's samples are spread (s). @default 10 */
  windowS?: number;
  /** Label the outcome (forks). Without it outcome labels equal expert labels and no VM samples are made. @default true */
  outcomes?: boolean;
  /** Extra forks per sample on a random admitting VM (VM training data). @default 1 */
  extraVmForks?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface DatasetStats {
  replicas: { devices: number; behaviour: string; seed: number; samples: number }[];
  /** How often each expert rule fired over the samples. */
  ruleCounts: { local: number; remote: number; cloud: number; gap: number };
  gapShare: number;
  /** Samples whose outcome label fell back to the estimate (no tier met the deadline in its fork). */
  outcomeFallback: number;
  /** Samples where the expert and outcome labels agree. */
  labelAgreement: number;
  forks: number;
  expertLabelCounts: number[];
  outcomeLabelCounts: number[];
}

export interface GeneratedData {
  /** Raw (unnormalised) tier features, [n][TIER_FEATURES.length]. */
  tierX: Float64Array;
  n: number;
  expertLabel: Int32Array;
  outcomeLabel: Int32Array;
  rule: Int32Array;
  /** Raw VM features [nVm][VM_FEATURES.length] and log-service-time targets. */
  vmX: Float64Array;
  vmY: Float64Array;
  nVm: number;
  stats: DatasetStats;
}

class EnoughSamples extends Error {}

interface Outcome {
  ok: boolean;
  serviceS: number;
}

/**
 * Fork `main` into `fork` (its state copied over), force `task` onto `vm` there and run the fork
 * until the task ends or the horizon (its deadline; no deadline: now + NO_DEADLINE_HORIZON_S), with
 * the world frozen. `main` is untouched.
 */
export function simulateForced(main: WasmEngine, fork: WasmEngine, task: number, vm: number, deadlineS: number): Outcome {
  const ex = fork.exports;
  const horizon = Number.isFinite(deadlineS) ? deadlineS : main.exports.engineNow() + NO_DEADLINE_HORIZON_S;
  copyEngineState(main, fork);
  // Watched before the assignment: a transfer can fail at once, inside it.
  ex.engineWatch(task);
  if (ex.engineAssign(task, vm) !== 1) return { ok: false, serviceS: Infinity };
  ex.engineFreeze();
  if (ex.engineAdvanceUntil(horizon) < 0) throw new Error("WASM engine: the event queue broke in a what-if fork");
  return { ok: ex.engineWatchOk() === 1, serviceS: ex.engineWatchServiceS() };
}

/**
 * The recording driver: answers the engine's hand-offs with the behaviour policy's own choice
 * (engineNativeDecide) and samples some of the decisions on the way.
 */
class Recorder {
  private nextSampleS: number;
  taken = 0;
  private readonly est = new Float64Array(1);
  private readonly vmOf = new Int32Array(TIER_COUNT);
  private readonly outS = new Float64Array(TIER_COUNT);
  private readonly outOk = new Uint8Array(TIER_COUNT);
  private readonly rawVm = new Float64Array(VM_FEATURES.length);
  private readonly noneFits = new Uint8Array(64);

  constructor(
    private readonly main: WasmEngine,
    private readonly fork: WasmEngine,
    private readonly rng: StreamSet,
    startS: number,
    private readonly spacingS: number,
    private readonly quota: number,
    private readonly sink: Sink,
    private readonly extractor: FeatureExtractor,
    private readonly opts: { outcomes: boolean; extraVmForks: number },
  ) {
    this.nextSampleS = startS + spacingS * rng.uniform(0);
  }

  /** Immediate mode: one arriving task. */
  decide(task: number, view: SystemView): number {
    if (view.now >= this.nextSampleS) {
      this.nextSampleS += this.spacingS;
      this.record(task, view);
    }
    return this.main.exports.engineNativeDecide(task);
  }

  /** Batch mode: the offers of one batch, in the engine's order. */
  decideBatch(tasks: Int32Array, count: number, view: SystemView, assign: (task: number, vm: number) => boolean): void {
    // One sample per sample time passed since the last batch, each a random task of the batch.
    let picks: Uint8Array | undefined;
    if (count > 0 && view.now >= this.nextSampleS) {
      picks = new Uint8Array(count);
      while (this.nextSampleS <= view.now) {
        this.nextSampleS += this.spacingS;
        picks[this.rng.integer(0, count)] = 1;
      }
    }
    // As the engine's own loop: skip tasks no VM admits. Within a batch assignments only take
    // capacity, so an app that fits nowhere stays so until the batch ends.
    this.noneFits.fill(0);
    for (let i = 0; i < count; i++) {
      const task = tasks[i]!;
      const app = view.tasks.app[task]!;
      if (this.noneFits[app]) continue;
      if (this.main.exports.engineFits(task) === 0) {
        this.noneFits[app] = 1;
        continue;
      }
      if (picks?.[i]) this.record(task, view);
      const vm = this.main.exports.engineNativeDecide(task);
      if (vm >= 0) assign(task, vm);
    }
  }

  private record(task: number, view: SystemView): void {
    if (this.taken >= this.quota) throw new EnoughSamples();
    const s = this.sink;
    const tierRow = s.tierRow();
    this.extractor.tierRaw(view, task, s.tierX, tierRow * TIER_FEATURES.length);
    const rule = this.main.exports.engineExpertRule(task);
    const expert = expertLabel(view, task, rule, this.est);
    let outcome = expert;
    if (this.opts.outcomes) {
      const c = view.tasks;
      const deadlineS = c.deadlineS[task]!;
      const maxDelay = deadlineS - c.arrivalS[task]!;
      const penaltyS = 2 * (Number.isFinite(maxDelay) ? maxDelay : NO_DEADLINE_HORIZON_S);
      const addVm = (vm: number, o: Outcome) => {
        this.extractor.vmRaw(view, task, vm, this.rawVm, 0);
        const row = s.vmRow();
        s.vmX.set(this.rawVm, row * VM_FEATURES.length);
        s.vmY[row] = Math.log(Math.max(1e-3, o.ok ? o.serviceS : penaltyS));
      };
      let best = -1;
      for (const tier of TIERS) {
        const vm = bestVmOfTier(view, task, tier, this.est);
        this.vmOf[tier] = vm;
        this.outOk[tier] = 0;
        this.outS[tier] = Infinity;
        if (vm < 0) continue;
        const o = simulateForced(this.main, this.fork, task, vm, deadlineS);
        s.stats.forks++;
        this.outOk[tier] = o.ok ? 1 : 0;
        this.outS[tier] = o.serviceS;
        addVm(vm, o);
        if (o.ok && (best < 0 || o.serviceS < this.outS[best]!)) best = tier;
      }
      for (let k = 0; k < this.opts.extraVmForks; k++) {
        const vm = this.randomAdmittingVm(view, task);
        if (vm < 0) break;
        const o = simulateForced(this.main, this.fork, task, vm, deadlineS);
        s.stats.forks++;
        addVm(vm, o);
      }
      if (best < 0) {
        s.stats.outcomeFallback++;
        best = smallestEstimateTier(view, task, this.est);
      }
      outcome = best;
    }
    s.rule[tierRow] = rule;
    s.expertLabel[tierRow] = expert;
    s.outcomeLabel[tierRow] = outcome;
    this.taken++;
    s.progress();
  }

  private randomAdmittingVm(view: SystemView, task: number): number {
    let n = 0;
    for (let vm = 0; vm < view.infra.vmCount; vm++) if (view.fits(task, vm)) n++;
    if (n === 0) return -1;
    let k = this.rng.integer(0, n);
    let chosen = -1;
    for (let vm = 0; vm < view.infra.vmCount && chosen < 0; vm++) if (view.fits(task, vm) && k-- === 0) chosen = vm;
    return chosen;
  }
}

/**
 * Run one replica of the behaviour policy on `main` with every decision handed to the recorder,
 * until the run ends or the recorder has its quota.
 */
function driveReplica(
  main: WasmEngine, resolved: ResolvedScenario, factory: PolicyDescriptor, config: { devices: number; seed: number; durationS: number },
  makeRecorder: () => Recorder,
): Recorder {
  const scenario = resolved.scenario;
  const native = nativePolicy(factory, {}, scenario);
  if (!native) throw new Error(`behaviour policy ${factory.name} has no native part`);
  const infra = main.create(scenario, { ...config, warmupS: 0 }, native);
  const ex = main.exports;
  ex.engineSetHandOff(1);
  const recorder = makeRecorder();
  const { view, refresh } = createWasmView(ex, scenario, infra, config.devices);
  const vmCount = infra.vmCount;
  const assign = (task: number, vm: number): boolean => validVm(vm, vmCount) && ex.engineAssign(task, vm) === 1;
  try {
    let status = ex.engineRun();
    while (status === RUN_DECIDE_BATCH || status === RUN_DECIDE_TASK) {
      refresh();
      if (status === RUN_DECIDE_BATCH) {
        const n = ex.engineDecideCount();
        recorder.decideBatch(new Int32Array(ex.memory.buffer, ex.engineDecideListPtr(), n), n, view, assign);
      } else {
        const vm = recorder.decide(ex.engineDecideTask(), view);
        ex.engineSetDecision(validVm(vm, vmCount) ? vm : -1);
      }
      status = ex.engineRun();
    }
    if (status !== RUN_DONE) throw new Error(`WASM engine: ${RUN_ERRORS[status] ?? `engineRun failed with code ${status}`}`);
  } catch (e) {
    if (!(e instanceof EnoughSamples)) throw e;
  }
  return recorder;
}

/** Growable storage of the samples. */
class Sink {
  tierX: Float64Array;
  expertLabel: Int32Array;
  outcomeLabel: Int32Array;
  rule: Int32Array;
  vmX: Float64Array;
  vmY: Float64Array;
  n = 0;
  nVm = 0;
  constructor(readonly capacity: number, readonly stats: DatasetStats, readonly onProgress?: (done: number, total: number) => void) {
    this.tierX = new Float64Array(capacity * TIER_FEATURES.length);
    this.expertLabel = new Int32Array(capacity);
    this.outcomeLabel = new Int32Array(capacity);
    this.rule = new Int32Array(capacity);
    this.vmX = new Float64Array(capacity * 4 * VM_FEATURES.length);
    this.vmY = new Float64Array(capacity * 4);
  }
  tierRow(): number {
    return this.n++;
  }
  vmRow(): number {
    if (this.nVm === this.vmY.length) {
      const x = new Float64Array(this.vmX.length * 2);
      x.set(this.vmX);
      this.vmX = x;
      const y = new Float64Array(this.vmY.length * 2);
      y.set(this.vmY);
      this.vmY = y;
    }
    return this.nVm++;
  }
  progress(): void {
    this.onProgress?.(this.n, this.capacity);
  }
}

/** Generate the training data of a scenario; deterministic for (scenario, options). */
export function generateDataset(resolved: ResolvedScenario, opts: DatasetOptions): GeneratedData {
  const scenario = resolved.scenario;
  const total = opts.samples ?? 10000;
  const sweep = scenario.deviceCounts;
  const replicas = opts.replicas ?? Math.max(1, Math.min(total, sweep.length));
  const warmupS = opts.warmupS ?? 10;
  const windowS = opts.windowS ?? 10;
  // Each replica runs warmupS + 20 windows: a scenario whose workload starts after that gives no sample.
  checkRunWindow(scenario, { durationS: warmupS + 20 * windowS, warmupS }, {
    durationS: "the training run (warmupS + 20 × windowS)", warmupS: "warmupS", scenario: `scenario ${scenario.name}`, warmupGiven: true,
  }, "mecbench train");
  const outcomes = opts.outcomes ?? true;
  const extraVmForks = opts.extraVmForks ?? 1;
  const stats: DatasetStats = {
    replicas: [], ruleCounts: { local: 0, remote: 0, cloud: 0, gap: 0 }, gapShare: 0, outcomeFallback: 0,
    labelAgreement: 0, forks: 0, expertLabelCounts: [0, 0, 0], outcomeLabelCounts: [0, 0, 0],
  };
  const sink = new Sink(total, stats, opts.onProgress);
  const behaviours: PolicyDescriptor[] = [expertRulesPolicy, greedyMinServicePolicy];
  const extractor = new FeatureExtractor();
  const main = new WasmEngine();
  const fork = main.sibling();
  for (let r = 0; r < replicas; r++) {
    const quota = Math.floor(total / replicas) + (r < total % replicas ? 1 : 0);
    if (quota === 0) continue;
    // Device counts: the sweep points in order, then again (shifted by one behaviour) when R > points.
    const devices = sweep[r % sweep.length]!;
    const factory = behaviours[r % behaviours.length]!;
    const seed = deriveSeed(opts.seed, "nn-dataset", r);
    // Samples are due every windowS / quota after the warm-up; where decisions are sparser (no
    // batches, few devices) each decision past its due time is sampled, so the run goes on (at most
    // 20 windows) until the quota is met.
    const durationS = warmupS + 20 * windowS;
    const recorder = driveReplica(main, resolved, factory, { devices, seed, durationS }, () => new Recorder(
      main, fork, new StreamSet(seed, "nn-sampling", 1), warmupS, windowS / quota, quota, sink, extractor,
      { outcomes, extraVmForks },
    ));
    stats.replicas.push({ devices, behaviour: factory.name, seed, samples: recorder.taken });
  }
  const n = sink.n;
  for (let i = 0; i < n; i++) {
    const rule = sink.rule[i]!;
    if (rule === RULE_LOCAL) stats.ruleCounts.local++;
    else if (rule === RULE_REMOTE) stats.ruleCounts.remote++;
    else if (rule === RULE_CLOUD) stats.ruleCounts.cloud++;
    else if (rule === RULE_GAP) stats.ruleCounts.gap++;
    stats.expertLabelCounts[sink.expertLabel[i]!]!++;
    stats.outcomeLabelCounts[sink.outcomeLabel[i]!]!++;
    if (sink.expertLabel[i] === sink.outcomeLabel[i]) stats.labelAgreement++;
  }
  stats.gapShare = n > 0 ? stats.ruleCounts.gap / n : 0;
  return {
    tierX: sink.tierX.slice(0, n * TIER_FEATURES.length), n,
    expertLabel: sink.expertLabel.slice(0, n), outcomeLabel: sink.outcomeLabel.slice(0, n), rule: sink.rule.slice(0, n),
    vmX: sink.vmX.slice(0, sink.nVm * VM_FEATURES.length), vmY: sink.vmY.slice(0, sink.nVm), nVm: sink.nVm, stats,
  };
}
