// The prose of the reproduction notes: what a reader must know before reading any verdict. The
// facts come from docs/paper-model.md §3/§3b; the numbers (ρ, device range) from this sweep.
import { fmt, MAX_FAILED_PCT_FOR_TIMES, MIN_COMPLETED_TASKS } from "./claim-helpers.ts";
import { PCT_POINT_TOLERANCE, REL_TOLERANCE } from "./claims.ts";
import { MIN_REPLICAS_FOR_INTERVAL } from "./domain.ts";
import { overlaysPaper } from "./paper.ts";
import type { ResultTable } from "./table.ts";

export function reproductionIntro(table: ResultTable, scenarioName: string): string[] {
  const out: string[] = [];
  const first = table.devices[0], last = table.devices.at(-1);
  const rhoFirst = first === undefined ? undefined : table.rho(first);
  const rhoLast = last === undefined ? undefined : table.rho(last);
  if (rhoFirst !== undefined && rhoLast !== undefined) {
    const overloaded = rhoFirst > 1 ? "overloaded at every sweep point" : rhoLast > 1 ? "overloaded from some sweep point on" : "below capacity at every sweep point";
    out.push(
      `Load. In this sweep (scenario "${scenarioName}") the offered load ρ = demand / capacity goes from ${fmt(rhoFirst)} at ${first} devices to ${fmt(rhoLast)} at ${last} devices: the system is ${overloaded}. ` +
        "The paper's own setup (tasks every 0.3–0.7 s per device, a mean task of about 16.8 GI, 800 GIPS in Table II) offers about 8× its capacity at 200 devices and 84× at 2000, " +
        "yet the paper reports 8.5 % VM utilization and 2 % failures at 2000 devices. Numbers that depend on load cannot match the paper literally in its own world (docs/paper-model.md §3).",
    );
  } else {
    out.push("Load. This sweep has no offered_load_rho rows, so the load behind each point is unknown; see docs/paper-model.md §3 for why the paper's literal load is about 8× capacity at 200 devices.");
  }
  out.push(
    "Network delay. The paper prints network delays of 0.2–0.35 ms. A 2500 KB upload (the Heavy app of Table I) over a link of at most 100 Mbps takes at least 0.2 s = 200 ms, " +
      "so these values cannot be end-to-end transfer times in seconds; we convert them ms → s for the overlay and expect no match.",
  );
  out.push(
    "Two worlds. The paper's baseline numbers at 2000 devices (Utilization-Based 4.0 s, 24 % failures, 60 % utilization; Flores 42 % utilization) match EdgeCloudSim's sample_app4 world, " +
      "while its neural network ran in its own simulator with Table II's infrastructure: the paper never compares all five methods in one world. mecbench runs every policy in both presets (docs/paper-model.md §3b).",
  );
  if (overlaysPaper(scenarioName)) {
    out.push(
      scenarioName === "paper"
        ? "Overlay. Figures 4–8 show the paper's printed values as black-outlined markers coloured by the policy they refer to. In this (Table II) world only the neural network's values were produced in a comparable setting."
        : "Overlay. Figures 4–8 show the paper's printed values also for this edgecloudsim-app4 sweep, because the paper's baseline values most likely come from this world; the markers are the same black-outlined diamonds, and the neural network's markers still refer to the Table II world.",
    );
  } else {
    out.push(`Overlay. The paper's values are not drawn on the charts: scenario "${scenarioName}" is neither the paper's world nor EdgeCloudSim's sample_app4. The table below still compares them, as an indication only.`);
  }
  out.push("Reconstruction. The paper's \"Fuzzy Logic\" baseline (Almutairi & Aldossary) is under-specified; mecbench's almutairi policy is a reconstruction and is labelled \"almutairi (reconstruction)\" everywhere.");
  out.push(
    `Verdicts. A printed value is "reproduced" when our mean is within ±${REL_TOLERANCE * 100} % of it (±${PCT_POINT_TOLERANCE} percentage point for percentages), ` +
      `"inconclusive" when our mean is further off but our 95 % CI (from at least ${MIN_REPLICAS_FOR_INTERVAL} replicas) still contains it (more replicas would tell), "not reproduced" otherwise. ` +
      "A claim in words is reproduced when our means satisfy it. " +
      `"Not comparable" means the numbers exist but cannot carry a verdict: fewer than ${MIN_COMPLETED_TASKS} completed tasks at a point (over its replicas), ` +
      `a service, processing or network time where the policy fails more than ${MAX_FAILED_PCT_FOR_TIMES} % of its tasks (the mean of the few that complete says nothing about the policy), or values that are all 0. ` +
      "Each verdict shows the numbers it rests on: mean, 95 % CI, replicas n, completed tasks and failure rate. " +
      "The neural network is judged in each label mode the sweep ran (expert labels, as the paper trains it, and outcome labels). " +
      "\"Not in this sweep\" means the policy, the device count or the metric is missing from these results.",
  );
  return out;
}
