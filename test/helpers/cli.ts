// The mecbench command run in a child process, as a user runs it (a test helper).
import { spawnSync } from "node:child_process";

export const BIN = new URL("../../src/cli/bin.mjs", import.meta.url).pathname;

/**
 * mecbench with these arguments: its exit code, stdout and stderr (without the "dist/ is older"
 * notice the bin prints when the compiled JavaScript lags the sources during development).
 */
export function mecbench(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, out: r.stdout, err: r.stderr.split("\n").filter((l) => !l.startsWith("mecbench: dist/ is older")).join("\n") };
}
