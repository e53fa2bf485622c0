// DQN fine-tuning of TierSelectionNN (mecbench train --rl). The paper lists for its network "100
// episodes, 3,000 steps, discount 0.9, and soft replacement 0.01": the settings of a deep Q-network
// with a soft-updated target network. Here the supervised tier network (expert or outcome labels)
// is the starting point; its pre-softmax outputs are the Q-values, one per tier. The exported model
// keeps the softmax head: softmax is monotone, so Algorithm 1's tier ranking is the Q ranking.
//
// The learner is src/nn/dqn.ts (generic); this file is the MEC environment, trainTierDqn. An episode is a fresh replica of the WASM engine
//     (device count cycling through the scenario's sweep, seed derived from the episode index). The
//     agent makes every placement of Algorithm 1 (the engine's neural-network policy, with the agent
//     in TierSelectionNN's place: batch order, feasibility, VMCompatibilityNN inside the tier are
//     exactly the policy's); a step is a recorded placement, the steps spread over a window of
//     simulated time. The reward is the realised outcome of the placed task, assigned when it
//     completes or fails (the engine reports every task's end: assembly/engine/host.ts); the next
//     state is the state at the next step.
// Deterministic: every random draw comes from StreamSet streams named after the seed, float64
// arithmetic in a fixed order, no clock in anything that is saved.
import { deriveSeed } from "../kernel/random.ts";
import { WasmEngine } from "../engine/wasm/engine.ts";
import { RUN_DONE, RUN_ERRORS } from "../engine/wasm/boundary.ts";
import { nativePolicy } from "../engine/wasm/policies.ts";
import { createWasmView } from "../engine/wasm/view.ts";
import { neuralNetworkPolicy } from "../policies/neural-network.ts";
import type { SystemView } from "../policies/types.ts";
import type { ResolvedScenario } from "../scenario/validate.ts";
import { NO_DEADLINE_HORIZON_S } from "./dataset.ts";
import { DqnLearner, type DqnSettings, epsilonAt, maskedArgmax, type ReplayMemory } from "../nn/dqn.ts";
import { normalise, TIER_COUNT, TIER_FEATURES, type Normalisation } from "../nn/features.ts";
import { FeatureExtractor } from "./extractor.ts";
import { forward, Workspace, type Net } from "../nn/train.ts";

/** Takes TierSelectionNN's place in the engine's Algorithm 1 while the agent learns (host.ts chooseTier). */
export interface TierChooser {
  /**
   * The tier for `task`, given which tiers have feasible VMs now (nFeasible[k] > 0; at least one
   * does). A tier without feasible VMs sends the task to the overflow queue.
   */
  chooseTier(task: number, view: SystemView, nFeasible: Int32Array): number;
}

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
