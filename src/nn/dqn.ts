// A generic deep Q-network over feature rows with a mask of allowed actions: replay memory,
// ε-greedy, Huber loss on the taken action, Adam, soft target update (the settings the paper lists
// for its network: "100 episodes, 3,000 steps, discount 0.9, and soft replacement 0.01"). The MEC
// environment that drives it is src/training/rl.ts; tests drive it on toy problems with a known answer.
// Deterministic: every random draw comes from StreamSet streams named after the seed, float64
// arithmetic in a fixed order.
import { StreamSet } from "../kernel/random.ts";
import { Adam, backward, cloneNet, fillZero, forward, Workspace, zeroNet, type Net } from "./train.ts";

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
