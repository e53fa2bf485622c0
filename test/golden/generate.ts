// npm run golden: re-run every golden case and rewrite test/golden/<preset>/<policy>-<devices>.json.
// Run it only after a deliberate model change, then review the diff of the JSON files in the commit.
//
// While the TypeScript reference engine (`engine: "ts"`) still exists, every case also runs on it
// and must give the same text: the golden results are what the two engines agreed on. Once the
// reference is gone the check is skipped and said so (the WASM engine is then the only source).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { runReplica, type RunOptions } from "../../src/engine/run.ts";
import { loadScenario } from "../../src/scenario/load.ts";
import { GOLDEN_DIR, goldenCases, goldenRunOptions, goldenText } from "./cases.ts";

/** The reference engine is present iff runReplica still accepts `engine: "ts"` and has its module. */
function referenceEngineAvailable(): boolean {
  if (!existsSync(new URL("../../src/engine/replica.ts", import.meta.url))) return false;
  try {
    runReplica(loadScenario("paper"), "random", withReference({ devices: 1, seed: 1, durationS: 1, warmupS: 0 }));
    return true;
  } catch {
    return false;
  }
}

// Built without an object literal so the file still type-checks once RunOptions loses `engine`.
function withReference(options: RunOptions): RunOptions {
  const reference: Record<string, unknown> = { ...options, engine: "ts" };
  return reference as unknown as RunOptions;
}

function main(): number {
  const checkReference = referenceEngineAvailable();
  process.stdout.write(
    checkReference
      ? "reference engine present: every case must agree with engine \"ts\"\n"
      : "reference engine absent: writing the WASM engine's results without a second opinion\n",
  );
  let changed = 0;
  let disagreements = 0;
  const cases = goldenCases();
  const scenarios = new Map<string, ReturnType<typeof loadScenario>>();
  for (const c of cases) {
    let scenario = scenarios.get(c.preset);
    if (!scenario) scenarios.set(c.preset, (scenario = loadScenario(c.preset)));
    const text = goldenText(runReplica(scenario, c.policy, goldenRunOptions(c)));
    if (checkReference) {
      const reference = goldenText(runReplica(scenario, c.policy, withReference(goldenRunOptions(c))));
      if (reference !== text) {
        disagreements++;
        process.stderr.write(`${c.file}: the WASM engine and the reference engine disagree\n`);
        continue;
      }
    }
    const path = join(GOLDEN_DIR, c.file);
    const before = existsSync(path) ? readFileSync(path, "utf8") : undefined;
    if (before === text) continue;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    changed++;
    process.stdout.write(`${before === undefined ? "new" : "changed"}: ${c.file}\n`);
  }
  process.stdout.write(`${cases.length} cases, ${changed} file(s) written, ${cases.length - changed - disagreements} unchanged\n`);
  if (disagreements > 0) {
    process.stderr.write(`${disagreements} case(s) not written: fix the disagreement first (test/wasm-differential.test.ts narrows it down)\n`);
    return 1;
  }
  return 0;
}

process.exitCode = main();
