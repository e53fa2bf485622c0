// npm run bench: the main job on the built-in default. Writes results/bench/<timestamp>/.
import { mkdirSync, writeFileSync } from "node:fs";
import { runMacro } from "./macro.ts";

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const dir = new URL(`../results/bench/${stamp}/`, import.meta.url);
mkdirSync(dir, { recursive: true });
console.log("macro: simulated tasks per wall second (one core)");
const macro = runMacro({ scenarios: ["paper", "edgecloudsim-app4"], devices: [200, 1000, 2000], durationS: 60, repeats: 1, log: console.log });
writeFileSync(new URL("macro.json", dir), `${JSON.stringify(macro, null, 2)}\n`);
console.log(`written: ${dir.pathname}`);
