// Golden results: every built-in policy on both presets at two loads, frozen as the full result
// JSON (minus wall time and version) when the WASM engine and the TypeScript reference agreed on
// them. Any change to a simulated number fails here; if the change is deliberate, regenerate with
// `npm run golden` and review the JSON diff in the commit (test/golden/README.md).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runReplica } from "../src/engine/run.ts";
import { loadScenario } from "../src/scenario/load.ts";
import { GOLDEN_DIR, goldenCases, goldenRunOptions, goldenText } from "./golden/cases.ts";

const cases = goldenCases();

describe("golden results", () => {
  it("the stored files are exactly the golden cases (no stale file, none missing)", () => {
    const stored = readdirSync(GOLDEN_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(join(GOLDEN_DIR, d.name)).filter((f) => f.endsWith(".json")).map((f) => `${d.name}/${f}`));
    expect(stored.sort()).toEqual(cases.map((c) => c.file).sort());
  });

  const scenarios = new Map<string, ReturnType<typeof loadScenario>>();
  const scenarioOf = (preset: string) => {
    let s = scenarios.get(preset);
    if (!s) scenarios.set(preset, (s = loadScenario(preset)));
    return s;
  };

  it.each(cases)("$file: the replica reproduces its stored result bit for bit", (c) => {
    const path = join(GOLDEN_DIR, c.file);
    expect(existsSync(path), `${c.file} is missing: run npm run golden`).toBe(true);
    // Text equality: JSON numbers are written as the shortest round-trip form, so this is bit equality.
    expect(goldenText(runReplica(scenarioOf(c.preset), c.policy, goldenRunOptions(c)))).toBe(readFileSync(path, "utf8"));
  });
});
