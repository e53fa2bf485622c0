import { describe, expect, it } from "vitest";
import { EventQueue } from "../src/engine/queue.ts";
import { StreamSet } from "../src/engine/rng.ts";

describe("event queue", () => {
  it("runs same-time, same-priority events in insertion order", () => {
    const q = new EventQueue(10);
    for (const slot of [4, 1, 7, 2]) q.schedule(slot, 5, 0);
    const order = [q.pop(), q.pop(), q.pop(), q.pop()];
    expect(order).toEqual([4, 1, 7, 2]);
    expect(q.pop()).toBe(-1);
  });

  it("orders by time, then priority, then sequence", () => {
    const q = new EventQueue(10);
    q.schedule(0, 2, 0);
    q.schedule(1, 1, 5);
    q.schedule(2, 1, 3);
    q.schedule(3, 1, 3);
    expect([q.pop(), q.pop(), q.pop(), q.pop()]).toEqual([2, 3, 1, 0]);
  });

  it("re-scheduling moves an event in place; cancel removes it", () => {
    const q = new EventQueue(4);
    q.schedule(0, 10, 0);
    q.schedule(1, 20, 0);
    q.schedule(2, 30, 0);
    q.schedule(2, 5, 0);
    q.cancel(0);
    expect(q.size).toBe(2);
    expect([q.pop(), q.pop()]).toEqual([2, 1]);
  });

  it("matches a sorted list under random schedules, moves and cancels", () => {
    const rng = new StreamSet(99, "queue-test", 1);
    const slots = 200;
    const q = new EventQueue(8);
    q.ensureSlots(slots);
    const reference = new Map<number, { time: number; prio: number; seq: number }>();
    let seq = 0;
    const popped: number[] = [];
    const expected: number[] = [];
    for (let step = 0; step < 5000; step++) {
      const r = rng.uniform(0);
      const slot = rng.integer(0, slots);
      if (r < 0.6) {
        // coarse times so that ties happen often
        const time = Math.floor(rng.uniform(0) * 50);
        const prio = rng.integer(0, 3);
        q.schedule(slot, time, prio);
        reference.set(slot, { time, prio, seq: seq++ });
      } else if (r < 0.75) {
        q.cancel(slot);
        reference.delete(slot);
      } else if (reference.size > 0) {
        const sorted = [...reference.entries()].sort(
          ([, a], [, b]) => a.time - b.time || a.prio - b.prio || a.seq - b.seq,
        );
        expected.push(sorted[0]![0]);
        reference.delete(sorted[0]![0]);
        popped.push(q.pop());
      }
    }
    expect(popped).toEqual(expected);
    expect(q.size).toBe(reference.size);
  });
});
