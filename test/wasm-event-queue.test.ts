// The WASM event queue (assembly/kernel/queue.ts), driven through its test exports: same-time
// events in insertion order, (time, priority, sequence) order, moves and cancels, growth, and a
// randomised comparison against a reference that keeps every pending event and takes the least.
import { describe, expect, it } from "vitest";
import { runReplica } from "../src/engine/run.ts";
import { StreamSet } from "../src/kernel/random.ts";
import { WasmEngine } from "../src/engine/wasm/engine.ts";
import { loadScenario } from "../src/scenario/load.ts";

const engine = new WasmEngine();
const ex = engine.exports;
const popAll = () => {
  const out: number[] = [];
  for (let s = ex.testQueuePop(); s >= 0; s = ex.testQueuePop()) out.push(s);
  return out;
};

/**
 * The queue and its reference side by side: every pending event as (time, priority, sequence), the
 * sequence taken at schedule time as the queue takes it, and the least one found by a full scan.
 */
function referenceQueue() {
  const pending = new Map<number, { time: number; prio: number; seq: number }>();
  let seq = 0;
  return {
    pending,
    schedule(slot: number, time: number, prio: number) {
      ex.testQueueSchedule(slot, time, prio);
      pending.set(slot, { time, prio, seq: seq++ });
    },
    cancel(slot: number) {
      ex.testQueueCancel(slot);
      pending.delete(slot);
    },
    /** Takes the reference's least event out: its slot and entry. */
    takeLeast() {
      let best = -1;
      let b = { time: Infinity, prio: 0, seq: 0 };
      for (const [s, e] of pending) {
        if (e.time < b.time || (e.time === b.time && (e.prio < b.prio || (e.prio === b.prio && e.seq < b.seq)))) {
          best = s;
          b = e;
        }
      }
      pending.delete(best);
      return { slot: best, entry: b };
    },
  };
}

describe("event queue in WASM", () => {
  it("runs same-time, same-priority events in insertion order", () => {
    ex.testQueueInit(64);
    const slots = [40, 4, 1, 7, 2, 63, 0, 33, 12, 9, 18, 5];
    for (const slot of slots) ex.testQueueSchedule(slot, 5, 0);
    expect(popAll()).toEqual(slots);
    expect(ex.testQueuePop()).toBe(-1);
  });

  it("orders by time, then priority, then sequence", () => {
    ex.testQueueInit(10);
    ex.testQueueSchedule(0, 2, 0);
    ex.testQueueSchedule(1, 1, 5);
    ex.testQueueSchedule(2, 1, 3);
    ex.testQueueSchedule(3, 1, 3);
    ex.testQueueSchedule(4, 1, 9);
    ex.testQueueSchedule(5, 0.5, 9);
    expect(popAll()).toEqual([5, 2, 3, 1, 4, 0]);
  });

  it("re-scheduling moves an event in place (and takes a new sequence number); cancel removes it", () => {
    ex.testQueueInit(4);
    ex.testQueueSchedule(0, 10, 0);
    ex.testQueueSchedule(1, 20, 0);
    ex.testQueueSchedule(2, 30, 0);
    ex.testQueueSchedule(2, 5, 0);
    ex.testQueueSchedule(3, 10, 0);
    ex.testQueueSchedule(0, 10, 0); // same time again: now after slot 3
    ex.testQueueCancel(1);
    ex.testQueueCancel(1);
    expect(ex.testQueueSize()).toBe(3);
    expect(ex.testQueueIsScheduled(1)).toBe(0);
    expect(popAll()).toEqual([2, 3, 0]);
  });

  it("keeps its events when it grows", () => {
    ex.testQueueInit(2);
    ex.testQueueSchedule(1, 3, 0);
    ex.testQueueSchedule(0, 1, 0);
    ex.testQueueEnsureSlots(1000);
    for (let s = 2; s < 1000; s++) ex.testQueueSchedule(s, 2, 0);
    const order = popAll();
    expect(order.length).toBe(1000);
    expect(order[0]).toBe(0);
    expect(order.slice(1, 999)).toEqual(Array.from({ length: 998 }, (_, i) => i + 2));
    expect(order[999]).toBe(1);
  });

  it("a slot first asked about far past the others, or after growth, has no event (pending flags are marked lazily)", () => {
    ex.testQueueInit(5000);
    ex.testQueueSchedule(4000, 1, 0); // marks the records up to 4000 only
    expect(ex.testQueueIsScheduled(3999)).toBe(0);
    ex.testQueueCancel(4999); // nothing to cancel
    expect(ex.testQueueSize()).toBe(1);
    ex.testQueueEnsureSlots(20000);
    for (const s of [19999, 10000, 5000, 4999, 0]) expect(ex.testQueueIsScheduled(s)).toBe(0);
    ex.testQueueSchedule(15000, 0.5, 0);
    ex.testQueueSchedule(3, 2, 0);
    expect(ex.testQueueValidate()).toBe(0);
    expect(popAll()).toEqual([15000, 4000, 3]);
  });

  it("matches the reference under random schedules, moves and cancels", () => {
    const rng = new StreamSet(99, "queue-test", 1);
    const slots = 300;
    ex.testQueueInit(8);
    ex.testQueueEnsureSlots(slots);
    const q = referenceQueue();
    const popped: number[] = [];
    const expected: number[] = [];
    for (let step = 0; step < 40_000; step++) {
      const r = rng.uniform(0);
      const slot = rng.integer(0, slots);
      if (r < 0.55) {
        // coarse times so that ties happen often; sometimes fractional ones
        const time = rng.uniform(0) < 0.8 ? Math.floor(rng.uniform(0) * 50) : rng.uniform(0) * 50;
        q.schedule(slot, time, rng.integer(0, 4));
      } else if (r < 0.7) {
        q.cancel(slot);
      } else if (q.pending.size > 0) {
        expected.push(q.takeLeast().slot);
        popped.push(ex.testQueuePop());
      } else {
        expect(ex.testQueuePop()).toBe(-1);
      }
    }
    expect(popped.length).toBeGreaterThan(5000);
    expect(popped).toEqual(expected);
    expect(ex.testQueueSize()).toBe(q.pending.size);
    expect(ex.testQueueValidate()).toBe(0);
  });

  it("pops in (time, priority, sequence) order as the spacing of its events changes", () => {
    // The queue is a calendar (assembly/kernel/calendar.ts): like the devices' arrivals, each popped
    // event is re-scheduled later; the gaps change scale by 10^6 so the bucket width is refitted, the
    // slots [a, b) are sometimes dropped and cancelled so the bucket count is refitted, and gaps far
    // beyond a round of buckets and ties happen too.
    const rng = new StreamSet(7, "calendar-test", 1);
    const [a, b, slots] = [10, 1010, 1100];
    ex.testQueueInit(slots);
    const q = referenceQueue();
    for (let s = 0; s < slots; s++) if (s < a || s >= b || rng.uniform(0) < 0.9) q.schedule(s, rng.uniform(0) * 10, rng.integer(0, 3));
    const popped: number[] = [];
    const expected: number[] = [];
    for (let step = 0; step < 30_000 && q.pending.size > 0; step++) {
      const { slot: best, entry: e } = q.takeLeast();
      expected.push(best);
      const slot = ex.testQueuePop();
      popped.push(slot);
      if (slot !== best) break;
      const scale = 1000 ** ((Math.floor(step / 5000) % 3) - 1); // 1e-3, 1, 1e3
      const r = rng.uniform(0);
      const gap = r < 0.1 ? 0 : r < 0.12 ? scale * 1e4 : rng.uniform(0) * scale;
      if (slot < a || slot >= b || rng.uniform(0) < 0.99) q.schedule(slot, e.time + gap, rng.integer(0, 3));
      if (rng.uniform(0) < 0.02) q.cancel(a + rng.integer(0, b - a));
      if (step % 997 === 0) expect(ex.testQueueValidate()).toBe(0);
    }
    expect(popped.length).toBeGreaterThan(20_000);
    expect(popped).toEqual(expected);
    expect(ex.testQueueSize()).toBe(q.pending.size);
    expect(ex.testQueueValidate()).toBe(0);
    // Events many rounds of buckets apart (the search for the least head after a round found none).
    const rest = popAll();
    ex.testQueueSchedule(3, 1e12, 0);
    ex.testQueueSchedule(1, 2e9, 1);
    ex.testQueueSchedule(2, 2e9, 0);
    expect(rest.length).toBe(q.pending.size);
    expect(popAll()).toEqual([2, 1, 3]);
  });

  it("in whole replicas of both presets the queue stays valid after every event and time never runs backwards", () => {
    ex.testCheckQueue(1);
    try {
      for (const [preset, policy, durationS] of [["paper", "utilization-based", 20], ["edgecloudsim-app4", "random", 260]] as const) {
        // engineRun returns an error (runReplica throws) at the first violation.
        const r = runReplica(loadScenario(preset), policy, { devices: 150, seed: 3, durationS, warmupS: 5, wasm: engine });
        expect(r.counts.generated).toBeGreaterThan(1000);
      }
    } finally {
      ex.testCheckQueue(0);
    }
  });
});
