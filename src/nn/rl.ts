// DQN fine-tuning of TierSelectionNN (mecbench train --rl). The paper lists for its network "100
// episodes, 3,000 steps, discount 0.9, and soft replacement 0.01": the settings of a deep Q-network
// with a soft-updated target network. Here the supervised tier network (expert or outcome labels)
// is the starting point; its pre-softmax outputs are the Q-values, one per tier. The exported model
// keeps the softmax head: softmax is monotone, so Algorithm 1's tier ranking is the Q ranking.
//
// Two layers:
//   - DqnLearner: a generic DQN over feature rows with a mask of allowed actions (replay memory,
//     ε-greedy, Huber loss on the taken action, Adam, soft target update). Tests drive it on toy
//     problems with a known answer.
//   - trainTierDqn: the MEC environment. An episode is a fresh replica of the WASM engine
//     (device count cycling through the scenario's sweep, seed derived from the episode index). The
//     agent makes every placement of Algorithm 1 (the engine's neural-network policy, with the agent
//     in TierSelectionNN's place: batch order, feasibility, VMCompatibilityNN inside the tier are
//     exactly the policy's); a step is a recorded placement, the steps spread over a window of
//     simulated time. The reward is the realised outcome of the placed task, assigned when it
//     completes or fails (the engine reports every task's end: assembly/engine/host.ts); the next
//     state is the state at the next step.
// Deterministic: every random draw comes from StreamSet streams named after the seed, float64
// arithmetic in a fixed order, no clock in anything that is saved.
import { deriveSeed, StreamSet } from "../engine/rng.ts";
import { WasmEngine } from "../engine/wasm/engine.ts";
import { RUN_DONE, RUN_ERRORS } from "../engine/wasm/layout.ts";
import { nativePolicy } from "../engine/wasm/policies.ts";
import { createWasmView } from "../engine/wasm/view.ts";
import { neuralNetworkPolicy } from "../policies/neural-network.ts";
import type { SystemView } from "../policies/types.ts";
import type { ResolvedScenario } from "../scenario/validate.ts";
import { NO_DEADLINE_HORIZON_S } from "./dataset.ts";
import { FeatureExtractor, normalise, TIER_COUNT, TIER_FEATURES, type Normalisation } from "./features.ts";
import { Adam, backward, cloneNet, fillZero, forward, Workspace, zeroNet, type Net } from "./train.ts";

/** Takes TierSelectionNN's place in the engine's Algorithm 1 while the agent learns (host.ts chooseTier). */
export interface TierChooser {
  /**
   * The tier for `task`, given which tiers have feasible VMs now (nFeasible[k] > 0; at least one
   * does). A tier without feasible VMs sends the task to the overflow queue.
   */
  chooseTier(task: number, view: SystemView, nFeasible: Int32Array): number;
}

/** Everything that shapes a DQN run (all saved in the model's sidecar). */
export interface DqnSettings {
  /** Episodes (fresh replicas). Paper: 100. */
  episodes: number;
  /** Agent steps (recorded placement decisions) per episode. Paper: 3000. */
  steps: number;
  /** Discount. Paper: 0.9. */
  gamma: number;
  /** Soft target update θ' ← τθ + (1 − τ)θ' after each training step. Paper: 0.01. */
  tau: number;
  /** Replay memory capacity (transitions; oldest overwritten). */
  replaySize: number;
  batchSize: number;
  learningRate: number;
  /** One training step (one minibatch) every this many agent steps. */
  trainEvery: number;
  /** No training before the memory holds this many transitions (or one episode's steps, when fewer). */
  learningStarts: number;
  /** ε-greedy: ε falls linearly from epsilonStart to epsilonEnd over the first epsilonDecayShare of all steps. */
  epsilonStart: number;
  epsilonEnd: number;
  epsilonDecayShare: number;
  /** Huber loss threshold (TD errors beyond it get a constant gradient). */
  huberDelta: number;
  /**
   * At the first training step, map the output layer to the scale of the returns, Q ← αQ + c with
   * α > 0 (every ranking unchanged; see DqnLearner.calibrate()).
   */
  calibrate: boolean;
  /** Reward of a failed task (a completed one gets −service time / reference time, in [−1, 0] with a deadline). */
  failurePenalty: number;
  /** Simulated seconds of an episode before steps are recorded (the agent already decides). */
  warmupS: number;
  /**
   * The steps are spread over this many simulated seconds after the warm-up: a decision is recorded
   * when it is due (every windowS / steps seconds; every decision where they are sparser). The
   * agent decides every task all along, so an episode lasts long enough for the slow consequences
   * of its own policy (a WAN it congests) to show up in the states and rewards it learns from.
   */
  windowS: number;
  seed: number;
}

export const DQN_DEFAULTS: Readonly<Omit<DqnSettings, "seed">> = {
  episodes: 100,
  steps: 3000,
  gamma: 0.9,
  tau: 0.01,
  replaySize: 20000,
  batchSize: 32,
  learningRate: 0.001,
  trainEvery: 4,
  learningStarts: 1000,
  epsilonStart: 0.2,
  epsilonEnd: 0.02,
  epsilonDecayShare: 0.5,
  huberDelta: 1,
  calibrate: true,
  failurePenalty: 2,
  warmupS: 10,
  windowS: 60,
};

/** ε after `step` of `total` agent steps (linear decay, then flat). */
export function epsilonAt(s: Pick<DqnSettings, "epsilonStart" | "epsilonEnd" | "epsilonDecayShare">, step: number, total: number): number {
  const span = s.epsilonDecayShare * total;
  if (!(span > 0) || step >= span) return s.epsilonEnd;
  return s.epsilonStart + (s.epsilonEnd - s.epsilonStart) * (step / span);
}

/** θ' ← τθ + (1 − τ)θ', parameter by parameter. */
export function softUpdate(target: Net, online: Net, tau: number): void {
  const mix = (t: Float64Array, o: Float64Array) => {
    for (let i = 0; i < t.length; i++) t[i] = tau * o[i]! + (1 - tau) * t[i]!;
  };
  for (let l = 0; l < target.w.length; l++) {
    mix(target.w[l]!, online.w[l]!);
    mix(target.b[l]!, online.b[l]!);
  }
}

/** Bit k set: action k is allowed. */
export type ActionMask = number;

/** The allowed action with the largest value (ties: the lowest action); -1 for an empty mask. */
export function maskedArgmax(q: Float64Array, mask: ActionMask): number {
  let best = -1;
  for (let k = 0; k < q.length; k++) if ((mask >> k) & 1 && (best < 0 || q[k]! > q[best]!)) best = k;
  return best;
}

/**
 * Replay memory: a ring of transitions (s, allowed actions in s, a, r, s', allowed actions in s').
 * An empty mask in s' marks a terminal transition (no bootstrap).
 */
export class ReplayMemory {
  readonly x: Float64Array;
  readonly x2: Float64Array;
  readonly mask: Uint8Array;
  readonly mask2: Uint8Array;
  readonly action: Int32Array;
  readonly reward: Float64Array;
  size = 0;
  /** Transitions ever pushed (the next slot is pushed % capacity). */
  pushed = 0;
  constructor(readonly capacity: number, readonly width: number) {
    this.x = new Float64Array(capacity * width);
    this.x2 = new Float64Array(capacity * width);
    this.mask = new Uint8Array(capacity);
    this.mask2 = new Uint8Array(capacity);
    this.action = new Int32Array(capacity);
    this.reward = new Float64Array(capacity);
  }

  push(x: Float64Array, xo: number, mask: ActionMask, action: number, reward: number, x2: Float64Array, x2o: number, mask2: ActionMask): void {
    const i = this.pushed % this.capacity;
    const w = this.width;
    this.x.set(x.subarray(xo, xo + w), i * w);
    this.x2.set(x2.subarray(x2o, x2o + w), i * w);
    this.mask[i] = mask;
    this.mask2[i] = mask2;
    this.action[i] = action;
    this.reward[i] = reward;
    this.pushed++;
    if (this.size < this.capacity) this.size++;
  }

  /** Uniform indices with replacement into out (the project's seeded RNG: the same stream, the same batches). */
  sample(rng: StreamSet, out: Int32Array): void {
    for (let b = 0; b < out.length; b++) out[b] = rng.integer(0, this.size);
  }
}

export type LearnerSettings = Pick<
  DqnSettings,
  "gamma" | "tau" | "replaySize" | "batchSize" | "learningRate" | "huberDelta" | "calibrate" | "seed"
>;

/** A DQN on feature rows: online and target networks, replay memory, Adam, ε-greedy over allowed actions. */
export class DqnLearner {
  readonly online: Net;
  readonly target: Net;
  readonly replay: ReplayMemory;
  /** The map Q ← scale · Q + shift applied to the output layer by calibrate() (identity until then). */
  calibration = { scale: 1, shift: 0 };
  calibrated = false;
  trainSteps = 0;
  private readonly adam: Adam;
  private readonly grad: Net;
  private readonly ws: Workspace;
  private readonly wsTarget: Workspace;
  private readonly wsAct: Workspace;
  private readonly idx: Int32Array;
  private readonly sampleRng: StreamSet;
  private readonly exploreRng: StreamSet;
  private readonly actions: number;

  constructor(start: Net, readonly settings: LearnerSettings, name: string) {
    this.online = cloneNet(start);
    this.target = cloneNet(start);
    const sizes = start.sizes;
    this.actions = sizes[sizes.length - 1]!;
    if (this.actions > 8) throw new RangeError(`DqnLearner: at most 8 actions (masks are bytes), got ${this.actions}`);
    this.replay = new ReplayMemory(settings.replaySize, sizes[0]!);
    this.adam = new Adam(sizes, settings.learningRate);
    this.grad = zeroNet(sizes);
    this.ws = new Workspace(sizes);
    this.wsTarget = new Workspace(sizes);
    this.wsAct = new Workspace(sizes);
    this.idx = new Int32Array(settings.batchSize);
    this.sampleRng = new StreamSet(settings.seed, `rl-replay:${name}`, 1);
    this.exploreRng = new StreamSet(settings.seed, `rl-explore:${name}`, 1);
  }

  /** Q-values of the online network for the row at xs[o..] (a view into scratch: copy to keep). */
  q(xs: Float64Array, o: number): Float64Array {
    return forward(this.online, xs, o, this.wsAct);
  }

  /** ε-greedy among the allowed actions; a single allowed action is taken without a draw. */
  act(xs: Float64Array, o: number, mask: ActionMask, epsilon: number): number {
    let n = 0;
    let only = -1;
    for (let k = 0; k < this.actions; k++) {
      if ((mask >> k) & 1) {
        n++;
        only = k;
      }
    }
    if (n <= 1) return only;
    if (epsilon > 0 && this.exploreRng.uniform(0) < epsilon) {
      let pick = this.exploreRng.integer(0, n);
      for (let k = 0; k < this.actions; k++) if ((mask >> k) & 1 && pick-- === 0) return k;
    }
    return maskedArgmax(this.q(xs, o), mask);
  }

  /**
   * Put the Q-values on the scale of the returns without changing any ranking. The supervised
   * network's logits have an arbitrary offset (softmax ignores it) and, trained to confident
   * labels, gaps of tens between tiers, while Q-values here are discounted returns of rewards in
   * [−2, 0] whose differences between tiers are tenths. Left alone, the first thousands of updates
   * would only drag the taken (top-ranked) outputs down by tens, scrambling the ranking on the way.
   * So the output layer is mapped once, Q ← αQ + c (weights and biases of the last layer; α > 0
   * keeps every ranking):
   *   α: the mean gap between the best and the worst allowed action over the memory's states
   *      with a choice becomes one standard deviation of the reward: the data must show a
   *      difference of about the reward's noise before it flips the supervised ranking;
   *   c: the fixed point of the mean Bellman equation over the memory,
   *      mean αQ(s,a) + c = mean r + γ · (Σ non-terminal max αQ(s') + n' c) / n.
   */
  calibrate(): { scale: number; shift: number } {
    const m = this.replay;
    const w = m.width;
    const n = Math.max(1, m.size);
    let sumR = 0, sumR2 = 0, gapSum = 0, gapCount = 0;
    for (let i = 0; i < m.size; i++) {
      const r = m.reward[i]!;
      sumR += r;
      sumR2 += r * r;
      const mask = m.mask[i]!;
      if ((mask & (mask - 1)) === 0) continue; // one allowed action: no gap
      const q = forward(this.online, m.x, i * w, this.ws);
      let lo = Infinity, hi = -Infinity;
      for (let k = 0; k < q.length; k++) {
        if (!((mask >> k) & 1)) continue;
        if (q[k]! < lo) lo = q[k]!;
        if (q[k]! > hi) hi = q[k]!;
      }
      gapSum += hi - lo;
      gapCount++;
    }
    const stdR = Math.sqrt(Math.max(0, sumR2 / n - (sumR / n) ** 2));
    const gap = gapCount > 0 ? gapSum / gapCount : 0;
    const scale = gap > 0 && stdR > 0 ? stdR / gap : 1;
    for (const net of [this.online, this.target]) {
      const last = net.w.length - 1;
      for (const a of [net.w[last]!, net.b[last]!]) for (let i = 0; i < a.length; i++) a[i]! *= scale;
    }
    let sumQ = 0, sumNext = 0, nonTerminal = 0;
    for (let i = 0; i < m.size; i++) {
      sumQ += forward(this.online, m.x, i * w, this.ws)[m.action[i]!]!;
      if (m.mask2[i] !== 0) {
        const q2 = forward(this.target, m.x2, i * w, this.wsTarget);
        sumNext += q2[maskedArgmax(q2, m.mask2[i]!)]!;
        nonTerminal++;
      }
    }
    const g = this.settings.gamma;
    const c = (sumR / n + (g * sumNext) / n - sumQ / n) / (1 - (g * nonTerminal) / n);
    const shift = Number.isFinite(c) ? c : 0;
    for (const net of [this.online, this.target]) {
      const b = net.b[net.b.length - 1]!;
      for (let k = 0; k < b.length; k++) b[k]! += shift;
    }
    this.calibration = { scale, shift };
    this.calibrated = true;
    return this.calibration;
  }

  /** One minibatch: Huber loss on Q(s, a) against r + γ max Q_target(s', allowed a'); Adam; soft target update. Returns the mean loss. */
  trainStep(): number {
    const s = this.settings;
    if (s.calibrate && !this.calibrated) this.calibrate();
    const m = this.replay;
    const w = m.width;
    const L = this.online.sizes.length - 1;
    const d = this.ws.delta[L]!;
    this.replay.sample(this.sampleRng, this.idx);
    fillZero(this.grad);
    let loss = 0;
    const delta = s.huberDelta;
    for (let b = 0; b < this.idx.length; b++) {
      const i = this.idx[b]!;
      let y = m.reward[i]!;
      const mask2 = m.mask2[i]!;
      if (mask2 !== 0) {
        const q2 = forward(this.target, m.x2, i * w, this.wsTarget);
        y += s.gamma * q2[maskedArgmax(q2, mask2)]!;
      }
      const a = m.action[i]!;
      const q = forward(this.online, m.x, i * w, this.ws);
      const e = q[a]! - y;
      const ae = Math.abs(e);
      loss += ae <= delta ? 0.5 * e * e : delta * (ae - 0.5 * delta);
      d.fill(0);
      d[a] = ae <= delta ? e : e > 0 ? delta : -delta;
      backward(this.online, this.ws, this.grad);
    }
    const scale = 1 / this.idx.length;
    for (const a of this.grad.w) for (let i = 0; i < a.length; i++) a[i]! *= scale;
    for (const a of this.grad.b) for (let i = 0; i < a.length; i++) a[i]! *= scale;
    this.adam.step(this.online, this.grad);
    softUpdate(this.target, this.online, s.tau);
    this.trainSteps++;
    return loss * scale;
  }
}

// ---- The MEC environment.

/** One line per episode (printed, and saved in the sidecar's history). */
export interface EpisodeLine {
  episode: number;
  devices: number;
  seed: number;
  /** Steps recorded (placements due after the warm-up). */
  steps: number;
  /** Of which the agent had a choice (two or more feasible tiers); the rest were forced. */
  choices: number;
  /** Sum of the rewards of the episode's resolved steps (undiscounted). */
  return: number;
  meanReward: number;
  /** Share of resolved steps whose task failed. */
  failedShare: number;
  /** Steps whose task had not ended when the episode stopped (no reward, no transition). */
  unresolved: number;
  /** ε at the episode's first step. */
  epsilon: number;
  /** Mean minibatch loss of the episode's training steps (null before learning starts). */
  loss: number | null;
  trainSteps: number;
  /** Simulated seconds the episode ran. */
  simulatedS: number;
}

export interface TierDqnStart {
  /** The supervised tier network (float64 copy of the exported float32 weights). */
  net: Net;
  /** Its feature normalisation (the sidecar's): the RL network keeps it. */
  norm: Normalisation;
  /** The model set whose VMCompatibilityNN places tasks inside the chosen tier. */
  modelDir: string;
}

export interface TierDqnResult {
  net: Net;
  history: EpisodeLine[];
  /** The output layer's map Q ← scale · logits + shift at the first training step. */
  calibration: { scale: number; shift: number };
  trainSteps: number;
  transitions: number;
  /** Over the replay memory's states with a choice: share where the fine-tuned and the start network rank the same feasible tier first. */
  greedyAgreement: number;
  /** Same states: the tier shares (local, remote, cloud) of the start and the fine-tuned network's choices. */
  startChoiceShares: number[];
  finalChoiceShares: number[];
}

class EpisodeEnd extends Error {}

const RECORD = 0, NEXT_STATE = 1, DRAIN = 2;

/** The agent inside Algorithm 1 for one episode: decides, records steps, trains the learner. */
class EpisodeAgent implements TierChooser {
  phase = RECORD;
  /** Rows 0..steps: the state of each recorded step, then the state after the last one. */
  readonly stepX: Float64Array;
  readonly stepMask: Uint8Array;
  readonly stepAction: Int32Array;
  readonly stepReward: Float64Array;
  /** 0 pending, 1 resolved, 2 dropped (the task was decided again: its first placement did not happen). */
  readonly stepState: Uint8Array;
  rows = 0;
  pending = 0;
  choices = 0;
  resolved = 0;
  failed = 0;
  rewardSum = 0;
  lossSum = 0;
  trainSteps = 0;
  endCapS = Infinity;
  private nextRecordS: number;
  readonly stepOfTask = new Map<number, number>();
  private readonly x = new Float64Array(TIER_FEATURES.length);
  private readonly extractor = new FeatureExtractor();

  constructor(
    private readonly learner: DqnLearner,
    private readonly settings: DqnSettings,
    private readonly norm: Normalisation,
    private readonly clock: { step: number; total: number },
    private readonly capS: number,
    private readonly onStep: () => void,
  ) {
    const n = settings.steps;
    this.nextRecordS = settings.warmupS;
    this.stepX = new Float64Array((n + 1) * TIER_FEATURES.length);
    this.stepMask = new Uint8Array(n + 1);
    this.stepAction = new Int32Array(n);
    this.stepReward = new Float64Array(n);
    this.stepState = new Uint8Array(n);
  }

  chooseTier(task: number, view: SystemView, nFeasible: Int32Array): number {
    let mask = 0;
    let open = 0;
    for (let k = 0; k < TIER_COUNT; k++) {
      if (nFeasible[k]! > 0) {
        mask |= 1 << k;
        open++;
      }
    }
    const record = this.phase === RECORD && view.now >= this.nextRecordS;
    // The last step's next state: the state at the next due time, as for every other step.
    const capture = this.phase === NEXT_STATE && view.now >= this.nextRecordS;
    if (open > 1 || record || capture) {
      this.extractor.tierRaw(view, task, this.x, 0);
      normalise(this.x, 0, this.norm);
    }
    const action = this.learner.act(this.x, 0, mask, epsilonAt(this.settings, this.clock.step, this.clock.total));
    if (record) {
      const k = this.rows;
      this.nextRecordS += this.settings.windowS / this.settings.steps;
      this.storeRow(k, mask);
      this.stepAction[k] = action;
      this.stepState[k] = 0;
      this.pending++;
      if (open > 1) this.choices++;
      const previous = this.stepOfTask.get(task);
      if (previous !== undefined) this.drop(previous);
      this.stepOfTask.set(task, k);
      if (k > 0) this.tryPush(k - 1);
      if (this.rows === this.settings.steps) this.phase = NEXT_STATE;
      this.clock.step++;
      if (this.clock.step % this.settings.trainEvery === 0 && this.learner.replay.size >= Math.min(this.settings.learningStarts, this.settings.steps)) {
        this.lossSum += this.learner.trainStep();
        this.trainSteps++;
      }
      this.onStep();
    } else if (capture) {
      this.storeRow(this.rows, mask);
      this.tryPush(this.rows - 2);
      this.phase = DRAIN;
      this.endCapS = view.now + this.capS;
      this.checkEnd(view.now);
    } else if (this.phase === DRAIN) this.checkEnd(view.now);
    return action;
  }

  private storeRow(k: number, mask: number): void {
    this.stepX.set(this.x, k * TIER_FEATURES.length);
    this.stepMask[k] = mask;
    this.rows = k + 1;
  }

  /** Step k's task ended with this reward. */
  resolve(k: number, reward: number, failed: boolean): void {
    this.stepReward[k] = reward;
    this.stepState[k] = 1;
    this.pending--;
    this.resolved++;
    if (failed) this.failed++;
    this.rewardSum += reward;
    this.tryPush(k);
  }

  private drop(k: number): void {
    if (this.stepState[k] !== 0) return;
    this.stepState[k] = 2;
    this.pending--;
  }

  /** Step k becomes a transition once its reward and the next state are both known. */
  private tryPush(k: number): void {
    if (k < 0 || this.stepState[k] !== 1 || this.rows <= k + 1) return;
    const w = TIER_FEATURES.length;
    this.learner.replay.push(this.stepX, k * w, this.stepMask[k]!, this.stepAction[k]!, this.stepReward[k]!, this.stepX, (k + 1) * w, this.stepMask[k + 1]!);
  }

  /** In the drain phase: stop once every step has its reward, or at the cap. */
  checkEnd(now: number): void {
    if (this.phase !== DRAIN) return;
    if (this.pending === 0 || now > this.endCapS) throw new EpisodeEnd();
  }
}

export interface TierDqnHooks {
  onEpisode?: (line: EpisodeLine) => void;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Fine-tune the tier network as a DQN in the scenario's simulation. Deterministic for
 * (scenario, start, settings). The VM inside a chosen tier is the one VMCompatibilityNN ranks first
 * among the tier's feasible VMs, as the neural-network policy does.
 */
export function trainTierDqn(resolved: ResolvedScenario, start: TierDqnStart, settings: DqnSettings, hooks: TierDqnHooks = {}): TierDqnResult {
  const scenario = resolved.scenario;
  if (start.net.sizes[0] !== TIER_FEATURES.length || start.net.sizes.at(-1) !== TIER_COUNT) {
    throw new RangeError(`trainTierDqn: expected a ${TIER_FEATURES.length}-...-${TIER_COUNT} network, got ${start.net.sizes.join("-")}`);
  }
  const learner = new DqnLearner(start.net, settings, "tier");
  const apps = scenario.workload.apps;
  // Reward scale per app: T_max, or the dataset's no-deadline horizon (the same convention as the
  // VM network's targets, where a miss costs 2 × that time).
  const refS = Float64Array.from(apps, (a) => {
    const t = a.maxDelayS ?? Infinity;
    return Number.isFinite(t) ? t : NO_DEADLINE_HORIZON_S;
  });
  const capS = Math.max(...refS);
  const sweep = scenario.deviceCounts;
  const clock = { step: 0, total: settings.episodes * settings.steps };
  const history: EpisodeLine[] = [];
  const nnOptions = { ...(scenario.policyOptions["neural-network"] ?? {}), modelDir: start.modelDir };
  const engine = new WasmEngine();
  for (let e = 0; e < settings.episodes; e++) {
    const devices = sweep[e % sweep.length]!;
    const seed = deriveSeed(settings.seed, "rl-episode", e);
    const epsilon = epsilonAt(settings, clock.step, clock.total);
    const config = { devices, seed, durationS: scenario.simulation.durationS, warmupS: 0 };
    const native = nativePolicy(neuralNetworkPolicy, nnOptions, scenario);
    if (!native) throw new Error("trainTierDqn: the neural-network policy has no WASM binding for these options");
    const infra = engine.create(scenario, config, native);
    const ex = engine.exports;
    const { view, refresh } = createWasmView(ex, scenario, infra, devices);
    const agent = new EpisodeAgent(learner, settings, start.norm, clock, capS, () => hooks.onProgress?.(clock.step, clock.total));
    const nFeasible = new Int32Array(TIER_COUNT);
    const deadlineOf = (task: number) => { refresh(); return view.tasks.deadlineS[task]!; };
    // The agent takes TierSelectionNN's place inside the engine's Algorithm 1 (assembly/engine/host.ts).
    engine.hooks.chooseTier = (task, mask) => {
      refresh();
      for (let k = 0; k < TIER_COUNT; k++) nFeasible[k] = (mask >> k) & 1;
      return agent.chooseTier(task, view, nFeasible);
    };
    // Outcomes: completion within the deadline (the engine's own test) or failure, for any reason.
    // A late download is followed by its failure, which resolves the step and checks the end.
    engine.hooks.taskEnded = (task, kind) => {
      const k = agent.stepOfTask.get(task);
      if (kind === 0) {
        const deadline = deadlineOf(task);
        if (ex.engineNow() > deadline) return;
        if (k !== undefined) {
          agent.stepOfTask.delete(task);
          const cols = view.tasks;
          agent.resolve(k, -(ex.engineNow() - cols.arrivalS[task]!) / refS[cols.app[task]!]!, false);
        }
      } else if (k !== undefined) {
        agent.stepOfTask.delete(task);
        agent.resolve(k, -settings.failurePenalty, true);
      }
      agent.checkEnd(ex.engineNow());
    };
    ex.engineNnHostTiers(1);
    ex.engineSetNotifyEnds(1);
    try {
      const status = ex.engineRun();
      if (status !== RUN_DONE) throw new Error(`WASM engine: ${RUN_ERRORS[status] ?? `engineRun failed with code ${status}`}`);
    } catch (err) {
      if (!(err instanceof EpisodeEnd)) throw err;
    }
    const simulatedS = ex.engineNow();
    const line: EpisodeLine = {
      episode: e + 1, devices, seed, steps: Math.min(agent.rows, settings.steps), choices: agent.choices,
      return: agent.rewardSum, meanReward: agent.resolved > 0 ? agent.rewardSum / agent.resolved : 0,
      failedShare: agent.resolved > 0 ? agent.failed / agent.resolved : 0, unresolved: agent.pending, epsilon,
      loss: agent.trainSteps > 0 ? agent.lossSum / agent.trainSteps : null, trainSteps: agent.trainSteps, simulatedS,
    };
    history.push(line);
    hooks.onEpisode?.(line);
  }
  const cmp = compareChoices(start.net, learner.online, learner.replay);
  return {
    net: learner.online, history, calibration: learner.calibration, trainSteps: learner.trainSteps,
    transitions: learner.replay.pushed, ...cmp,
  };
}

/** How the fine-tuned network's first choices differ from the start network's on the memory's states with a choice. */
export function compareChoices(startNet: Net, finalNet: Net, m: ReplayMemory): Pick<TierDqnResult, "greedyAgreement" | "startChoiceShares" | "finalChoiceShares"> {
  const ws = new Workspace(startNet.sizes);
  const actions = startNet.sizes.at(-1)!;
  const startShares = new Array<number>(actions).fill(0);
  const finalShares = new Array<number>(actions).fill(0);
  let n = 0, agree = 0;
  for (let i = 0; i < m.size; i++) {
    const mask = m.mask[i]!;
    if ((mask & (mask - 1)) === 0) continue; // one allowed action: no choice
    const a = maskedArgmax(forward(startNet, m.x, i * m.width, ws), mask);
    const b = maskedArgmax(forward(finalNet, m.x, i * m.width, ws), mask);
    startShares[a]!++;
    finalShares[b]!++;
    if (a === b) agree++;
    n++;
  }
  const share = (v: number[]) => v.map((c) => (n > 0 ? c / n : 0));
  return { greedyAgreement: n > 0 ? agree / n : 0, startChoiceShares: share(startShares), finalChoiceShares: share(finalShares) };
}
