// Progress: a redrawn bar on a TTY; on a log, plain lines at most every 5 s plus one at the end.
import { describe, expect, it } from "vitest";
import { clock, createProgress } from "../src/experiment/progress.ts";

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 100, write: (t: string) => writes.push(t) } };
}

describe("sweep progress", () => {
  it("plain mode prints at most every 5 s and at the end (once)", () => {
    let t = 0;
    const { writes, stream } = fakeStream(false);
    const p = createProgress({ stream, now: () => t });
    p.start(10, 0);
    for (let i = 0; i < 10; i++) {
      t += 1000; // one unit per second
      p.advance(i === 3);
    }
    p.finish();
    expect(writes).toEqual([
      "sweep: 5/10 units 50.0% elapsed 0:05 ETA 0:05 1 failed\n",
      "sweep: 10/10 units 100.0% elapsed 0:10 ETA 0:00 1 failed\n",
    ]);
  });

  it("TTY mode redraws one line with a bar, and log lines do not garble it", () => {
    let t = 0;
    const { writes, stream } = fakeStream(true);
    const p = createProgress({ stream, now: () => t });
    p.start(4, 2); // resumed: 2 of 4 already on disk
    t += 2000;
    p.advance(false);
    p.log("unit devices=20 replica=1 policy=random failed (attempt 1 of 2): boom; retrying");
    p.finish();
    const text = writes.join("");
    expect(text).toContain("resuming: 2 of 4 units already done\n");
    expect(text).toMatch(/\r\x1b\[2K\[#+\.*\] 3\/4 units 75\.0% elapsed 0:02 ETA 0:02/);
    expect(text).toMatch(/\r\x1b\[2Kunit devices=20 .*retrying\n\r\x1b\[2K\[/);
    expect(text.endsWith("\n")).toBe(true);
    expect(text.split("\n").length).toBe(4); // resume note, log line, final bar, nothing else
  });

  it("formats durations", () => {
    expect(clock(0)).toBe("0:00");
    expect(clock(75)).toBe("1:15");
    expect(clock(3725)).toBe("1:02:05");
    expect(clock(NaN)).toBe("?");
  });
});
