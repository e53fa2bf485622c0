// The DQN of `mecbench train --rl` (src/training/rl.ts): it learns toy problems whose answer is known
// (one needs the discount to be right), its pieces do the arithmetic they claim, and the command
// writes a deterministic model the neural-network policy loads with labels=rl.
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { main } from "../src/cli/main.ts";
import { runReplica } from "../src/engine/run.ts";
import { StreamSet } from "../src/kernel/random.ts";
import { createRegistry } from "../src/policies/registry.ts";
import { DqnLearner, epsilonAt, type LearnerSettings, maskedArgmax, ReplayMemory, softUpdate } from "../src/nn/dqn.ts";
import { compareChoices } from "../src/training/rl.ts";
import { MODEL_FILES } from "../src/nn/model-set.ts";
import { forward, initNet, Workspace, type Net } from "../src/nn/train.ts";
import { loadScenario } from "../src/scenario/load.ts";

const toySettings = (o: Partial<LearnerSettings> = {}): LearnerSettings => ({
  gamma: 0.9, tau: 0.01, replaySize: 5000, batchSize: 32, learningRate: 0.005, huberDelta: 1, calibrate: true, seed: 1, ...o,
});

/** The contextual bandit: 4 features in [−1, 1]; the best allowed of 3 actions is the argmax of 3 linear scores. */
function bestArm(x: Float64Array, mask: number): number {
  const score = [x[0]! - x[1]!, x[1]! + 0.5 * x[2]!, -x[0]! + x[3]!];
  let best = -1;
  for (let k = 0; k < 3; k++) if ((mask >> k) & 1 && (best < 0 || score[k]! > score[best]!)) best = k;
  return best;
}

function banditAccuracy(learner: DqnLearner, seed: number): number {
  const rng = new StreamSet(seed, "bandit-eval", 1);
  const x = new Float64Array(4);
  let correct = 0;
  for (let i = 0; i < 500; i++) {
    for (let j = 0; j < 4; j++) x[j] = rng.between(0, -1, 1);
    const mask = i % 4 === 0 ? [3, 5, 6][i % 3]! : 7;
    if (learner.act(x, 0, mask, 0) === bestArm(x, mask)) correct++;
  }
  return correct / 500;
}

/**
 * A tiny MDP whose answer needs the discount. State A (features [1, 0]): action 0 pays 1 and stays
 * in A; action 1 pays 0 and moves to C. State C ([0, 1], one allowed action) pays 4 and returns to A.
 * With γ = 0.9: Q(A,1) = 3.6 / 0.19 ≈ 18.95 > Q(A,0) = 1 + 0.9 · 18.95 ≈ 18.05, so the optimum waits;
 * a learner that ignored the future (or the next state) would grab the 1.
 */
const A = Float64Array.of(1, 0), C = Float64Array.of(0, 1);

describe("DQN learner", () => {
  it("learns a contextual bandit (the best allowed arm per context)", () => {
    const net = initNet([4, 32, 3], 1, "bandit");
    const learner = new DqnLearner(net, toySettings({ calibrate: false }), "bandit");
    const before = banditAccuracy(learner, 9);
    const rng = new StreamSet(2, "bandit-train", 1);
    const x = new Float64Array(4);
    for (let t = 0; t < 4000; t++) {
      for (let j = 0; j < 4; j++) x[j] = rng.between(0, -1, 1);
      const mask = t % 4 === 0 ? [3, 5, 6][t % 3]! : 7;
      const a = learner.act(x, 0, mask, 0.3);
      // A bandit: every transition is terminal (empty mask in s'), the target is the reward alone.
      learner.replay.push(x, 0, mask, a, a === bestArm(x, mask) ? 1 : 0, x, 0, 0);
      if (learner.replay.size >= 200) learner.trainStep();
    }
    expect(before).toBeLessThan(0.6);
    expect(banditAccuracy(learner, 9)).toBeGreaterThan(0.9);
  });

  it("learns the delayed reward of a tiny MDP (bootstraps through the target network with γ)", () => {
    const learner = new DqnLearner(initNet([2, 16, 2], 3, "mdp"), toySettings(), "mdp");
    let s = A;
    for (let t = 0; t < 6000; t++) {
      const inA = s === A;
      const mask = inA ? 3 : 1;
      const a = learner.act(s, 0, mask, 0.3);
      const r = inA ? (a === 0 ? 1 : 0) : 4;
      const next = inA && a === 1 ? C : A;
      learner.replay.push(s, 0, mask, a, r, next, 0, next === A ? 3 : 1);
      if (learner.replay.size >= 200) learner.trainStep();
      s = next;
    }
    const q = Array.from(learner.q(A, 0));
    expect(maskedArgmax(Float64Array.from(q), 3)).toBe(1);
    expect(q[1]!).toBeGreaterThan(q[0]!);
    expect(q[1]!).toBeCloseTo(3.6 / 0.19, -0.3); // within ~1 of 18.95
    expect(q[1]! - q[0]!).toBeGreaterThan(0.3);
  });
});

describe("DQN pieces", () => {
  it("soft update θ' ← τθ + (1 − τ)θ' on known numbers", () => {
    const net = (w: number[], b: number[]): Net => ({ sizes: [2, 1], w: [Float64Array.from(w)], b: [Float64Array.from(b)] });
    const target = net([1, 2], [4]);
    const online = net([3, -2], [0]);
    softUpdate(target, online, 0.25);
    expect(Array.from(target.w[0]!)).toEqual([1.5, 1]);
    expect(Array.from(target.b[0]!)).toEqual([3]);
    expect(Array.from(online.w[0]!)).toEqual([3, -2]); // the online network is untouched
    softUpdate(target, online, 1);
    expect(Array.from(target.w[0]!)).toEqual([3, -2]);
  });

  it("replay memory: a ring of the last `capacity` transitions; sampling is seeded", () => {
    const m = new ReplayMemory(3, 1);
    for (let i = 0; i < 5; i++) m.push(Float64Array.of(i), 0, 3, i % 2, i, Float64Array.of(i + 1), 0, 3);
    expect(m.size).toBe(3);
    expect(m.pushed).toBe(5);
    expect(Array.from(m.reward)).toEqual([3, 4, 2]); // slots 0 and 1 overwritten by the 4th and 5th
    expect(Array.from(m.x2)).toEqual([4, 5, 3]);
    const big = new ReplayMemory(1000, 1);
    for (let i = 0; i < 1000; i++) big.push(Float64Array.of(i), 0, 1, 0, 0, Float64Array.of(0), 0, 1);
    const draw = (seed: number) => {
      const out = new Int32Array(32);
      big.sample(new StreamSet(seed, "rl-replay:test", 1), out);
      return Array.from(out);
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw(1).every((i) => i >= 0 && i < 1000)).toBe(true);
  });

  it("ε falls linearly over the decay share of all steps, then stays", () => {
    const s = { epsilonStart: 0.2, epsilonEnd: 0.02, epsilonDecayShare: 0.5 };
    expect(epsilonAt(s, 0, 1000)).toBe(0.2);
    expect(epsilonAt(s, 250, 1000)).toBeCloseTo(0.11, 12);
    expect(epsilonAt(s, 500, 1000)).toBe(0.02);
    expect(epsilonAt(s, 999, 1000)).toBe(0.02);
  });

  it("calibration keeps every ranking and meets the mean Bellman equation", () => {
    const start = initNet([3, 8, 3], 4, "calib");
    const learner = new DqnLearner(start, toySettings({ gamma: 0.9 }), "calib");
    const rng = new StreamSet(5, "calib-data", 1);
    const x = new Float64Array(3), x2 = new Float64Array(3);
    for (let i = 0; i < 300; i++) {
      for (let j = 0; j < 3; j++) {
        x[j] = rng.between(0, -1, 1);
        x2[j] = rng.between(0, -1, 1);
      }
      learner.replay.push(x, 0, 7, i % 3, -rng.uniform(0), x2, 0, i % 10 === 0 ? 0 : 7);
    }
    const m = learner.replay;
    const before = Array.from({ length: m.size }, (_, i) => maskedArgmax(learner.q(m.x, i * 3), 7));
    const { scale } = learner.calibrate();
    expect(scale).toBeGreaterThan(0);
    const after = Array.from({ length: m.size }, (_, i) => maskedArgmax(learner.q(m.x, i * 3), 7));
    expect(after).toEqual(before);
    expect(compareChoices(start, learner.online, m).greedyAgreement).toBe(1);
    // mean Q(s,a) = mean r + γ mean over non-terminal max Q(s') (terminal: 0)
    const ws = new Workspace(start.sizes);
    let lhs = 0, rhs = 0;
    for (let i = 0; i < m.size; i++) {
      lhs += forward(learner.online, m.x, i * 3, ws)[m.action[i]!]!;
      rhs += m.reward[i]!;
      if (m.mask2[i] !== 0) {
        const q2 = forward(learner.target, m.x2, i * 3, ws);
        rhs += 0.9 * q2[maskedArgmax(q2, 7)]!;
      }
    }
    expect(lhs / m.size).toBeCloseTo(rhs / m.size, 9);
  });
});

// ---- The command and the policy (the paper preset's committed supervised set is the start).

const PAPER_SET = new URL("../models/paper/", import.meta.url).pathname;

async function cli(args: string[]): Promise<{ code: number; err: string }> {
  const spy = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    const code = await main(args);
    return { code, err: spy.mock.calls.map((c) => String(c[0])).join("") };
  } finally {
    spy.mockRestore();
  }
}

/** sha256 of the tiny DQN sidecar as JSON, less scenarioHash and producer (see the first test). */
const SIDECAR_SHA = "7f3ae21a001ad1638c8b508fa8ec8b879d493b16c2b66ed36c9d6259374b7f60";

const tinyRl = (out: string, seed = 1) =>
  cli(["train", "--rl", "--scenario", "paper", "--rl-episodes", "2", "--rl-steps", "300", "--seed", String(seed), "--rl-from", PAPER_SET, "--out", out, "--quiet"]);

describe("mecbench train --rl", () => {
  const outA = mkdtempSync(join(tmpdir(), "mecbench-rl-"));

  it("writes the rl model and its sidecar (labelMode rl, settings, history)", async () => {
    const r = await tinyRl(outA);
    expect(r.code, r.err).toBe(0);
    const side = JSON.parse(readFileSync(join(outA, "tier-selection-rl.json"), "utf8"));
    expect(side.labelMode).toBe("rl");
    expect(side.model).toBe(MODEL_FILES.tier.rl);
    expect(side.training).toMatchObject({ algorithm: "dqn", startLabelMode: "expert", episodes: 2, steps: 300, gamma: 0.9, tau: 0.01, seed: 1 });
    expect(side.metrics.history).toHaveLength(2);
    expect(side.metrics.trainSteps).toBeGreaterThan(0);
    const start = JSON.parse(readFileSync(join(PAPER_SET, "tier-selection.json"), "utf8"));
    expect(side.features).toEqual(start.features); // the start network's normalisation is kept
    // Golden bytes: taken when episodes moved from the TypeScript engine to the WASM engine (the
    // agent inside its Algorithm 1, rewards from its task-end reports); both gave these bytes.
    const sha = (f: string) => createHash("sha256").update(readFileSync(join(outA, f))).digest("hex");
    expect(sha("tier-selection-rl.onnx")).toBe("75cff906ccf1942ac3b61395709d302b8e58c4807d80dee11ac8afce14058f8f");
    // The sidecar, less the fields that name the scenario's text (its hash moves with a preset's
    // description, not with its world): the DQN's settings, history and metrics.
    const side2 = JSON.parse(readFileSync(join(outA, "tier-selection-rl.json"), "utf8"));
    delete side2.scenarioHash;
    delete side2.producer;
    expect(side2.worldFingerprint).toBe(start.worldFingerprint); // the world, as the start network's
    delete side2.worldFingerprint;
    expect(createHash("sha256").update(JSON.stringify(side2)).digest("hex")).toBe(SIDECAR_SHA);
  });

  it("same seed: byte-identical model and sidecar; another seed: different weights", async () => {
    const outB = mkdtempSync(join(tmpdir(), "mecbench-rl-"));
    const outC = mkdtempSync(join(tmpdir(), "mecbench-rl-"));
    expect((await tinyRl(outB)).code).toBe(0);
    expect((await tinyRl(outC, 2)).code).toBe(0);
    const bytes = (dir: string, f: string) => readFileSync(join(dir, f));
    expect(bytes(outB, "tier-selection-rl.onnx").equals(bytes(outA, "tier-selection-rl.onnx"))).toBe(true);
    expect(bytes(outB, "tier-selection-rl.json").equals(bytes(outA, "tier-selection-rl.json"))).toBe(true);
    expect(bytes(outC, "tier-selection-rl.onnx").equals(bytes(outA, "tier-selection-rl.onnx"))).toBe(false);
  });

  it("the neural-network policy loads labels=rl and runs", () => {
    copyFileSync(join(PAPER_SET, MODEL_FILES.vm), join(outA, MODEL_FILES.vm));
    copyFileSync(join(PAPER_SET, "vm-compatibility.json"), join(outA, "vm-compatibility.json"));
    const res = runReplica(loadScenario("paper"), "neural-network", {
      devices: 60, seed: 1, durationS: 30, warmupS: 5, registry: createRegistry(),
      policyOptions: { labels: "rl", modelDir: outA },
    });
    expect(res.counts.completed).toBeGreaterThan(0);
    expect(res.policyStats.tierNetRuns).toBeGreaterThan(0);
  });

  it("a missing rl model tells how to make it", async () => {
    const empty = mkdtempSync(join(tmpdir(), "mecbench-rl-"));
    copyFileSync(join(PAPER_SET, MODEL_FILES.vm), join(empty, MODEL_FILES.vm));
    copyFileSync(join(PAPER_SET, "vm-compatibility.json"), join(empty, "vm-compatibility.json"));
    const r = await cli(["run", "--scenario", "paper", "--policy", "neural-network", "--devices", "10", "--duration-s", "1", "--warmup-s", "0", "--option", "labels=rl", "--option", `modelDir=${empty}`]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${join(empty, MODEL_FILES.tier.rl)}: model file not found`);
    expect(r.err).toContain("mecbench train --rl");
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("bad flag values: field, value and fix, exit 2, no stack trace", async () => {
    const cases: [string[], RegExp][] = [
      [["--rl-episodes", "0"], /--rl-episodes: not an integer ≥ 1 \(found "0"\)\. Fix: give --rl-episodes/],
      [["--rl-steps", "many"], /--rl-steps: not an integer ≥ 1 \(found "many"\)/],
      [["--labels", "expert,outcome"], /--labels: --rl starts from one supervised tier network \(found "expert,outcome"\)\. Fix: use --labels expert/],
      [["--rl-from", "/nonexistent/set"], /--rl-from: no usable expert tier network to start from: .*model file not found.*Fix: train the supervised set first \(mecbench train --scenario paper/],
    ];
    for (const [flags, message] of cases) {
      const r = await cli(["train", "--rl", "--scenario", "paper", "--out", outA, ...(flags.includes("--rl-from") ? [] : ["--rl-from", PAPER_SET]), ...flags]);
      expect(r.code, flags.join(" ")).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    const r = await cli(["train", "--scenario", "paper", "--rl-steps", "10"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--rl-steps: only used with --rl/);
  });
});
