// Child process of the A/B benchmark (bench/ab.ts): loads ONE build of mecbench (the repository
// root given as argv[2]) and runs the macro cases its parent sends, `repeats` replicas per message,
// replying with the tasks simulated and the wall seconds, both summed over them. Plain JavaScript,
// so the same probe drives any commit: its compiled dist/ when it has one, else its TypeScript
// sources through tsx (commits from before dist/ existed). Both builds see the same calls, so only
// their code differs.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const root = process.argv[2];
let via = "dist";
let modulePath = (path) => pathToFileURL(join(root, "dist", "src", `${path}.js`)).href;
if (!existsSync(join(root, "dist", "src", "engine", "run.js"))) {
  via = "tsx";
  const { register } = await import("tsx/esm/api");
  register();
  modulePath = (path) => pathToFileURL(join(root, "src", `${path}.ts`)).href;
}
const { runReplica } = await import(modulePath("engine/run"));
const { loadScenario } = await import(modulePath("scenario/load"));
const scenarios = new Map();

process.on("message", (c) => {
  try {
    if (!scenarios.has(c.scenario)) scenarios.set(c.scenario, loadScenario(c.scenario));
    let tasks = 0;
    let wallS = 0;
    for (let i = 0; i < (c.repeats ?? 1); i++) {
      // The same call as bench/macro.ts makes for the tracked sim.* figures.
      const r = runReplica(scenarios.get(c.scenario), c.policy, { devices: c.devices, seed: 1, durationS: c.durationS, warmupS: c.warmupS });
      tasks += r.tasksSimulated;
      wallS += r.wallS;
    }
    process.send({ tasks, wallS });
  } catch (err) {
    process.send({ error: err instanceof Error ? err.message : String(err) });
  }
});
process.send({ ready: true, via });
