// The train commands' output on stderr: plain lines, stage headers, and one progress bar that
// redraws in place on a terminal (a line every 5 s otherwise); --quiet keeps the lines and drops the
// bar. Every stage shows its elapsed time and an ETA (from its own pace so far), so a long training
// can be planned.
import { clock } from "../experiment/progress.ts";

export interface Log {
  line(text: string): void;
  /** Start a stage: prints "[i/n] name" with the time since the first stage; its clock starts now. */
  stage(index: number, count: number, name: string): void;
  /** " (stage m:ss, ETA m:ss)" after `done` of `total` steps of the current stage. */
  timing(done: number, total: number): string;
  progress(label: string, done: number, total: number): void;
  endProgress(): void;
}

/** The stage's pace so far, carried to its end: elapsed × (total − done) / done; null before any step. */
export function etaS(elapsedS: number, done: number, total: number): number | null {
  return done > 0 ? (elapsedS * (total - done)) / done : null;
}

export function makeLog(quiet: boolean, now: () => number = () => performance.now()): Log {
  const tty = Boolean(process.stderr.isTTY);
  let last = 0;
  let open = false;
  const startedMs = now();
  let stageMs = startedMs;
  const line = (text: string) => {
    if (open) {
      process.stderr.write("\n");
      open = false;
    }
    process.stderr.write(`${text}\n`);
  };
  const timing = (done: number, total: number) => {
    const elapsed = (now() - stageMs) / 1000;
    const eta = etaS(elapsed, done, total);
    return ` (stage ${clock(elapsed)}, ETA ${eta === null ? "–" : clock(eta)})`;
  };
  return {
    line,
    stage(index, count, name) {
      stageMs = now();
      line(`[${index}/${count}] ${name}  (elapsed ${clock((stageMs - startedMs) / 1000)})`);
    },
    timing,
    progress(label, done, total) {
      if (quiet) return;
      const t = now();
      if (done < total && t - last < (tty ? 100 : 5000)) return;
      last = t;
      const width = 30;
      const filled = Math.round((width * done) / Math.max(1, total));
      const text = `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}${timing(done, total)}`;
      if (tty) {
        process.stderr.write(`\r${text}`);
        open = true;
      } else process.stderr.write(`${text}\n`);
    },
    endProgress() {
      if (open) process.stderr.write("\n");
      open = false;
    },
  };
}
