// The train commands' output on stderr: plain lines, and one progress bar that redraws in place on
// a terminal (a line every 5 s otherwise); --quiet keeps the lines and drops the bar.
export interface Log {
  line(text: string): void;
  progress(label: string, done: number, total: number): void;
  endProgress(): void;
}

export function makeLog(quiet: boolean): Log {
  const tty = Boolean(process.stderr.isTTY);
  let last = 0;
  let open = false;
  return {
    line(text) {
      if (open) {
        process.stderr.write("\n");
        open = false;
      }
      process.stderr.write(`${text}\n`);
    },
    progress(label, done, total) {
      if (quiet) return;
      const now = performance.now();
      if (done < total && now - last < (tty ? 100 : 5000)) return;
      last = now;
      const width = 30;
      const filled = Math.round((width * done) / Math.max(1, total));
      const text = `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`;
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
