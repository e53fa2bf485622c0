// Progress of `npm run bench`: one line per stage with the elapsed time and an ETA. Each stage has
// an expected duration (seconds on the reference 2-core machine, bench/profiles.ts); the ETA is
// the expected time of the stages left, scaled by how fast this run has been so far (actual over
// expected for the finished stages), so a machine twice as slow, or twice as loaded, sees an ETA
// twice as long after the first stages instead of a fixed guess. The pace starts from a prior of
// `priorS` seconds run at the expected speed, so a one-second first stage that took two does not
// double the ETA on its own.

export interface Stage {
  name: string;
  expectedS: number;
}

export class StageClock {
  private index = -1;
  private startedMs: number;
  private finishedExpectedS = 0;
  private finishedActualS = 0;
  private stageStartMs = 0;

  constructor(
    private readonly stages: readonly Stage[],
    private readonly log: (line: string) => void,
    private readonly now: () => number = () => performance.now(),
    private readonly priorS = 20,
  ) {
    this.startedMs = this.now();
  }

  /** Seconds since the clock was created. */
  elapsedS(): number {
    return (this.now() - this.startedMs) / 1000;
  }

  /** Actual over expected time of the finished stages, with the prior (1 before any finished). */
  pace(): number {
    const expected = this.finishedExpectedS + this.priorS;
    return expected > 0 ? (this.finishedActualS + this.priorS) / expected : 1;
  }

  /** Seconds still to go from the start of stage `from` (inclusive), at the pace so far. */
  remainingS(from: number): number {
    let expected = 0;
    for (let i = from; i < this.stages.length; i++) expected += this.stages[i]!.expectedS;
    return expected * this.pace();
  }

  /** Close the running stage (if any) and announce `name`, which must be the next stage listed. */
  start(name: string): void {
    this.closeStage();
    const next = this.stages.findIndex((s, i) => i > this.index && s.name === name);
    if (next < 0) throw new Error(`stage "${name}" is not among the remaining stages`);
    // Stages skipped (by --only) count as neither expected nor actual time.
    this.index = next;
    this.stageStartMs = this.now();
    this.log(`\n[${next + 1}/${this.stages.length}] ${name}  (elapsed ${this.elapsedS().toFixed(0)} s, ETA ${this.remainingS(next).toFixed(0)} s to go)`);
  }

  /** Close the last stage; returns the total elapsed seconds. */
  finish(): number {
    this.closeStage();
    this.index = this.stages.length;
    return this.elapsedS();
  }

  private closeStage(): void {
    if (this.index < 0 || this.index >= this.stages.length) return;
    this.finishedExpectedS += this.stages[this.index]!.expectedS;
    this.finishedActualS += (this.now() - this.stageStartMs) / 1000;
  }
}
