// Progress of a sweep: on a TTY one line redrawn in place (bar, units, percent, elapsed, ETA); in
// a log (CI, a batch job's output file) plain lines at most every 5 s and one at the end, so a
// long run does not flood the log with carriage returns.

export interface ProgressSink {
  /** Called once: units to run in this invocation (`total`) of which `alreadyDone` were on disk. */
  start(total: number, alreadyDone: number): void;
  /** One unit finished (completed or failed for good). */
  advance(failed: boolean): void;
  /** Print a message without garbling the bar. */
  log(line: string): void;
  finish(): void;
}

export interface ProgressOptions {
  /** Where to write. @default process.stderr */
  stream?: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  /** Redraw in place; @default stream.isTTY */
  tty?: boolean;
  /** Milliseconds clock. @default performance.now */
  now?: () => number;
  /** Minimum milliseconds between plain lines. @default 5000 */
  plainIntervalMs?: number;
  /** Minimum milliseconds between TTY redraws. @default 100 */
  ttyIntervalMs?: number;
}

export function createProgress(options: ProgressOptions = {}): ProgressSink {
  const stream = options.stream ?? process.stderr;
  const tty = options.tty ?? Boolean(stream.isTTY);
  const now = options.now ?? (() => performance.now());
  const plainInterval = options.plainIntervalMs ?? 5000;
  const ttyInterval = options.ttyIntervalMs ?? 100;
  let total = 0;
  let skipped = 0;
  let done = 0;
  let failed = 0;
  let startedAt = 0;
  let lastDraw = -Infinity;
  let drawn = false;
  let lastPlain = "";

  const line = (): string => {
    const all = skipped + done;
    const pct = total > 0 ? (100 * all) / total : 100;
    const elapsedS = (now() - startedAt) / 1000;
    const remaining = total - all;
    // ETA from this invocation's own rate: resumed units cost nothing now and would skew it.
    const etaS = done > 0 ? (elapsedS / done) * remaining : NaN;
    const failures = failed > 0 ? ` ${failed} failed` : "";
    const text = `${all}/${total} units ${pct.toFixed(1)}% elapsed ${clock(elapsedS)} ETA ${remaining === 0 ? clock(0) : clock(etaS)}${failures}`;
    if (!tty) return `sweep: ${text}`;
    const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - text.length - 4));
    const filled = Math.round((width * pct) / 100);
    return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${text}`;
  };

  const draw = (force: boolean): void => {
    const t = now();
    if (!force && t - lastDraw < (tty ? ttyInterval : plainInterval)) return;
    lastDraw = t;
    const text = line();
    if (tty) {
      stream.write(`\r\x1b[2K${text}`);
      drawn = true;
    } else if (text !== lastPlain) {
      stream.write(`${text}\n`);
      lastPlain = text; // the final line is not repeated when the last advance just printed it
    }
  };

  return {
    start(n, alreadyDone) {
      total = n;
      skipped = alreadyDone;
      startedAt = now();
      if (alreadyDone > 0) this.log(`resuming: ${alreadyDone} of ${n} units already done`);
      // Plain mode waits a full interval before its first line; the TTY bar shows at once.
      if (tty) draw(true);
      else lastDraw = now();
    },
    advance(isFailure) {
      done++;
      if (isFailure) failed++;
      draw(false);
    },
    log(text) {
      if (tty && drawn) stream.write("\r\x1b[2K");
      stream.write(`${text}\n`);
      if (tty && drawn) draw(true);
    },
    finish() {
      draw(true);
      if (tty) stream.write("\n");
    },
  };
}

/** A sink that prints nothing (tests, library use). */
export function silentProgress(): ProgressSink {
  return { start() {}, advance() {}, log() {}, finish() {} };
}

/** Seconds as h:mm:ss or m:ss; "?" when unknown. */
export function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}
