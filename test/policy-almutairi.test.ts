// almutairi (reconstruction of docs/baselines.md §6.3): registration, the three sensitivity
// variants and option errors. Its decisions on hand-built states are rows of
// test/decision-tables.test.ts (the engine's policy, read back from the public result).
import { describe, expect, it } from "vitest";
import { runReplica } from "../src/engine/run.ts";
import { nativePolicy } from "../src/engine/wasm/policies.ts";
import { almutairiPolicy } from "../src/policies/almutairi.ts";
import { resolvePolicyOptions } from "../src/policies/options.ts";
import { createRegistry } from "../src/policies/registry.ts";
import { InputError } from "../src/scenario/errors.ts";
import { loadScenario } from "../src/scenario/load.ts";

describe("almutairi", () => {
  it("is registered and labelled as a reconstruction", () => {
    expect(createRegistry().get("almutairi").description).toContain("reconstruction");
  });

  it("the three variants hand the engine different rule bases and decide differently on the same run", () => {
    const app4 = loadScenario("edgecloudsim-app4");
    const params = (variant: string) => Array.from(nativePolicy(almutairiPolicy, { variant }, app4.scenario)!.params);
    expect(params("base")).not.toEqual(params("shifted"));
    expect(params("base")).not.toEqual(params("cog"));
    const run = (variant: string) => {
      const r = runReplica(app4, "almutairi", { devices: 1200, seed: 2, durationS: 120, warmupS: 20, policyOptions: { variant } });
      return JSON.stringify({ ...r.metrics, offeredLoad: 0 });
    };
    const [base, shifted, cog] = [run("base"), run("shifted"), run("cog")];
    expect(new Set([base, shifted, cog]).size).toBe(3);
  });

  it("rejects an unknown variant or option with an InputError naming the option, value and allowed values", () => {
    const variant = (values: Record<string, unknown>) => resolvePolicyOptions(almutairiPolicy, [{ values, at: (key) => key }], "almutairi").variant;
    expect(variant({})).toBe("base");
    expect(variant({ variant: "cog" })).toBe("cog");
    const app4 = loadScenario("edgecloudsim-app4").scenario;
    const bind = (options: Record<string, unknown>) => () => nativePolicy(almutairiPolicy, options, app4);
    expect(bind({ variant: "shifed" })).toThrow(InputError);
    expect(bind({ variant: "shifed" })).toThrow(/variant[\s\S]*shifed[\s\S]*base, shifted, cog/);
    expect(bind({ variant: 3 })).toThrow(/variant/);
    expect(bind({ varient: "cog" })).toThrow(/did you mean "variant"/);
    const run = () => runReplica(loadScenario("edgecloudsim-app4"), "almutairi", { devices: 10, seed: 1, durationS: 15, warmupS: 0, policyOptions: { variant: "fuzzy" } });
    expect(run).toThrow(InputError);
    expect(run).toThrow(/variant/);
  });
});
