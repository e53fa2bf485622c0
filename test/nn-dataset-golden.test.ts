// Golden training data: the samples, labels and VM targets of a small dataset per preset, hashed.
// The hashes were taken when the dataset moved from the TypeScript engine's deep-copy forks to the
// WASM engine's instance forks, and both gave these bytes; they freeze the forks' semantics (frozen
// world, the watched task's outcome, the behaviour policy's choices through the hand-off). A
// deliberate change of the model changes them: regenerate by printing `digest(...)` below, and say
// why in the commit (the committed models in models/ then need `npm run train` too).
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateDataset, type GeneratedData } from "../src/training/dataset.ts";
import { loadScenario } from "../src/scenario/load.ts";

function digest(d: GeneratedData): string {
  const h = createHash("sha256");
  for (const a of [d.tierX, d.expertLabel, d.outcomeLabel, d.rule, d.vmX, d.vmY]) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return h.digest("hex").slice(0, 16);
}

const golden = [
  { preset: "paper", hash: "ba1d909956468346", nVm: 600 },
  { preset: "edgecloudsim-app4", hash: "c57e4e334ca86bbc", nVm: 600 },
];

describe("training data (golden)", () => {
  for (const g of golden) {
    it(`${g.preset}: 150 samples, seed 7, are the frozen bytes`, () => {
      const d = generateDataset(loadScenario(g.preset), { samples: 150, seed: 7 });
      expect(d.n).toBe(150);
      expect(d.nVm).toBe(g.nVm);
      expect(d.stats.forks).toBe(g.nVm);
      expect(digest(d)).toBe(g.hash);
    });
  }
});
