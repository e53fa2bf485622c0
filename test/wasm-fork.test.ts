// What-if forks of the WASM engine (training data's outcome labels): an instance's state copied
// into a second instance of the same module is that replica. Continued, the fork does exactly what
// the original does; snapshots rewind; a forced what-if leaves the original untouched.
import { describe, expect, it } from "vitest";
import { WasmEngine, type WasmRunOutput } from "../src/engine/wasm/engine.ts";
import { RUN_DECIDE_BATCH, RUN_DECIDE_TASK, RUN_DONE, TASK_F64 } from "../src/engine/wasm/boundary.ts";
import { nativePolicy } from "../src/engine/wasm/policies.ts";
import { copyEngineState, restoreEngine, snapshotEngine } from "../src/engine/wasm/snapshot.ts";
import { simulateForced } from "../src/training/dataset.ts";
import { createRegistry } from "../src/policies/registry.ts";
import { loadScenario } from "../src/scenario/load.ts";

const registry = createRegistry();

/** Create a replica whose built-in policy is asked per task by the host (the dataset's hand-off). */
function start(engine: WasmEngine, preset: string, policy: string, devices: number, durationS: number) {
  const { scenario } = loadScenario(preset);
  const native = nativePolicy(registry.get(policy), {}, scenario)!;
  engine.create(scenario, { devices, seed: 11, durationS, warmupS: 0 }, native);
  engine.exports.engineSetHandOff(1);
  return scenario;
}

/** One host turn answered with the built-in policy's own choices; returns the next status. */
function turn(engine: WasmEngine, status: number): number {
  const ex = engine.exports;
  if (status === RUN_DECIDE_BATCH) {
    const n = ex.engineDecideCount();
    const list = new Int32Array(ex.memory.buffer, ex.engineDecideListPtr(), n).slice();
    for (const task of list) {
      if (ex.engineFits(task) === 0) continue;
      const vm = ex.engineNativeDecide(task);
      if (vm >= 0) ex.engineAssign(task, vm);
    }
  } else if (status === RUN_DECIDE_TASK) ex.engineSetDecision(ex.engineNativeDecide(ex.engineDecideTask()));
  return ex.engineRun();
}

function toEnd(engine: WasmEngine, status: number): number {
  while (status === RUN_DECIDE_BATCH || status === RUN_DECIDE_TASK) status = turn(engine, status);
  return status;
}

const json = (o: WasmRunOutput) => JSON.stringify({ ...o, rows: Array.from(o.rows), policyStats: Array.from(o.policyStats), wallS: 0, hostTurns: 0 });

const cases = [
  { preset: "paper", policy: "expert-rules", devices: 200, durationS: 20, mode: RUN_DECIDE_BATCH },
  { preset: "edgecloudsim-app4", policy: "greedy-min-service", devices: 300, durationS: 40, mode: RUN_DECIDE_TASK },
];

describe("WASM engine forks", () => {
  for (const c of cases) {
    it(`${c.preset}: a fork continued equals the original continued, bit for bit, and both equal an unforked run`, () => {
      const plain = new WasmEngine();
      const scenario = start(plain, c.preset, c.policy, c.devices, c.durationS);
      expect(toEnd(plain, plain.exports.engineRun())).toBe(RUN_DONE);
      const reference = json(plain.output(scenario));

      const main = new WasmEngine();
      start(main, c.preset, c.policy, c.devices, c.durationS);
      let status = main.exports.engineRun();
      expect(status).toBe(c.mode);
      for (let k = 0; k < 150; k++) status = turn(main, status);
      expect(status).toBe(c.mode); // still mid-run: the fork below has a future
      const fork = main.sibling();
      copyEngineState(main, fork);
      expect(fork.exports.engineNow()).toBe(main.exports.engineNow());
      expect(toEnd(main, status)).toBe(RUN_DONE);
      // The fork resumes the same pending hand-off: the same answer, then the same run.
      expect(toEnd(fork, status)).toBe(RUN_DONE);
      expect(json(fork.output(scenario))).toBe(json(main.output(scenario)));
      expect(json(main.output(scenario))).toBe(reference);
    });
  }

  it("a snapshot rewinds an instance to where it was taken", () => {
    const engine = new WasmEngine();
    const scenario = start(engine, "paper", "greedy-min-service", 150, 15);
    let status = engine.exports.engineRun();
    for (let k = 0; k < 40; k++) status = turn(engine, status);
    const snap = snapshotEngine(engine);
    const atSnap = status;
    expect(toEnd(engine, status)).toBe(RUN_DONE);
    const first = json(engine.output(scenario));
    restoreEngine(engine, snap);
    expect(toEnd(engine, atSnap)).toBe(RUN_DONE);
    expect(json(engine.output(scenario))).toBe(first);
  });

  it("a forced what-if ends with the task's outcome and leaves the original replica untouched", () => {
    const main = new WasmEngine();
    const scenario = start(main, "paper", "expert-rules", 200, 20);
    const ex = main.exports;
    let status = ex.engineRun();
    for (let k = 0; k < 30; k++) status = turn(main, status);
    expect(status).toBe(RUN_DECIDE_BATCH);
    const task = new Int32Array(ex.memory.buffer, ex.engineDecideListPtr(), ex.engineDecideCount())[0]!;
    const before = [ex.engineNow(), ex.engineGenerated(), ex.engineCompleted(), ex.engineFailed()];
    const cloudVm = scenario.edge.hosts.reduce((n, h) => n + h.vms.length, 0);
    const col = (field: number) => new Float64Array(ex.memory.buffer, ex.engineTaskColumnPtr(field), ex.engineTaskCapacity())[task]!;
    const [lengthMi, arrivalS, deadlineS] = [col(TASK_F64.lengthMi), col(TASK_F64.arrivalS), col(TASK_F64.deadlineS)];
    const out = simulateForced(main, main.sibling(), task, cloudVm, deadlineS);
    // It ran to its end: a service time, at least the execution alone on one core of a cloud VM,
    // and "ok" exactly when that is within the deadline.
    expect(out.serviceS).toBeGreaterThanOrEqual(lengthMi / scenario.cloud.vms[0]!.mipsPerCore);
    expect(out.ok).toBe(out.serviceS <= deadlineS - arrivalS);
    expect([ex.engineNow(), ex.engineGenerated(), ex.engineCompleted(), ex.engineFailed()]).toEqual(before);
    // Continued, the original gives what it gives without the what-if.
    const plain = new WasmEngine();
    start(plain, "paper", "expert-rules", 200, 20);
    expect(toEnd(plain, plain.exports.engineRun())).toBe(RUN_DONE);
    expect(toEnd(main, status)).toBe(RUN_DONE);
    expect(json(main.output(scenario))).toBe(json(plain.output(scenario)));
  });

  it("a forced what-if onto a VM that refuses the task reports a miss without running", () => {
    const main = new WasmEngine();
    start(main, "paper", "expert-rules", 50, 10);
    const ex = main.exports;
    let status = ex.engineRun();
    while (status === RUN_DECIDE_BATCH && ex.engineDecideCount() === 0) status = turn(main, status);
    const task = new Int32Array(ex.memory.buffer, ex.engineDecideListPtr(), ex.engineDecideCount())[0]!;
    expect(simulateForced(main, main.sibling(), task, 10_000, Infinity)).toEqual({ ok: false, serviceS: Infinity });
  });
});
