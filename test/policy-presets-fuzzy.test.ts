// Every one of the fuzzy baselines (flores, sonmez, almutairi and its variants) runs on both presets at 200, 1000 and 2000 devices without throwing; runReplica
// checks the engine invariants itself and the outside checks are repeated here. Short runs (40 s, 5 s
// warm-up). Split from the other policy group so that vitest runs the two files in parallel.
import { describePoliciesOnPresets } from "./policy-helpers.ts";

describePoliciesOnPresets([["flores", {}], ["sonmez", {}], ["almutairi", {}], ["almutairi", { variant: "shifted" }], ["almutairi", { variant: "cog" }]]);
