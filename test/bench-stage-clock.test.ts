// The bench's progress lines (bench/stage-clock.ts): one line per stage, and an ETA that is the
// expected time left scaled by this run's pace, checked with a fake clock.
import { describe, expect, it } from "vitest";
import { StageClock } from "../bench/stage-clock.ts";

describe("bench StageClock", () => {
  const stages = [
    { name: "a", expectedS: 10 },
    { name: "b", expectedS: 20 },
    { name: "c", expectedS: 30 },
  ];

  it("prints one line per stage; before any stage finished the ETA is the expected total", () => {
    let t = 0;
    const lines: string[] = [];
    const clock = new StageClock(stages, (l) => lines.push(l), () => t, 0);
    clock.start("a");
    expect(lines.at(-1)).toMatch(/\[1\/3\] a .*elapsed 0 s, ETA 60 s to go/);
    t = 20_000; // stage a took 20 s instead of 10: this run goes at half speed
    clock.start("b");
    expect(clock.pace()).toBe(2);
    expect(lines.at(-1)).toMatch(/\[2\/3\] b .*elapsed 20 s, ETA 100 s to go/);
    t = 40_000; // b took 20 s for its expected 20: pace (20 + 20) / (10 + 20)
    clock.start("c");
    expect(clock.remainingS(2)).toBeCloseTo(30 * (40 / 30), 9);
    t = 70_000;
    expect(clock.finish()).toBe(70);
    expect(lines).toHaveLength(3);
  });

  it("the prior damps a short first stage: 2 s for an expected 1 s moves the pace to 22/21, not 2", () => {
    let t = 0;
    const clock = new StageClock([{ name: "x", expectedS: 1 }, { name: "y", expectedS: 100 }], () => {}, () => t, 20);
    clock.start("x");
    t = 2_000;
    clock.start("y");
    expect(clock.pace()).toBeCloseTo(22 / 21, 12);
  });

  it("stages left out (--only) are skipped; an unknown or past stage is a programming error", () => {
    const clock = new StageClock(stages, () => {}, () => 0);
    clock.start("b");
    expect(() => clock.start("a")).toThrow(/not among the remaining stages/);
    expect(() => clock.start("z")).toThrow(/not among/);
  });
});
