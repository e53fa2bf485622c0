// mecbench validate: check a scenario, print what it resolves to and the offered load ρ of every
// sweep point (read this before believing any curve).
import { offeredLoad } from "../scenario/offered-load.ts";
import { policyOptionsProblems } from "../policies/options.ts";
import { createRegistry } from "../policies/registry.ts";
import { loadScenario } from "../scenario/load.ts";
import { InputError } from "../scenario/errors.ts";
import { parseCommandArgs } from "./args.ts";

const HELP = `mecbench validate: check a scenario and print its resolved summary

Usage: mecbench validate <preset|file>

Prints the models, apps, infrastructure, the assumptions the scenario makes, and for every
sweep point the offered load ρ = demanded MIPS / capacity MIPS (edge, cloud, total).
Exit code 0 when valid, 2 with every problem listed (JSON path, value found, fix) otherwise.
`;

export async function validateCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("validate", argv, {}, true);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    throw new InputError("mecbench validate", [{ path: "arguments", value: positionals, message: "expected one scenario", fix: "mecbench validate paper  (or a path to a scenario JSON file)" }]);
  }
  const { scenario: s, hash } = loadScenario(positionals[0]!);
  // policyOptions are checked against the registered policies' descriptors (the scenario module
  // does not know the policies: they are layered above it).
  const optionProblems = policyOptionsProblems(s.policyOptions, createRegistry().list());
  if (optionProblems.length > 0) throw new InputError(positionals[0]!, optionProblems);
  const vmLine = (vms: readonly { cores: number; mipsPerCore: number; ramMb: number }[]) =>
    `${vms.length} VMs, ${vms.reduce((x, v) => x + v.cores, 0)} cores, ${vms.reduce((x, v) => x + v.cores * v.mipsPerCore, 0)} MIPS`;
  const out: string[] = [
    `${s.name}: valid (hash ${hash})`,
    s.description ? `  ${s.description}` : "",
    `  simulation   ${s.simulation.durationS} s, warm-up ${s.simulation.warmupS} s, utilization sampled every ${s.simulation.utilizationSampleIntervalS} s`,
    `  models       compute ${s.compute.model} (CPU max ${s.compute.cpuMaxFraction}), network ${s.network.model}, mobility ${s.mobility.model}`,
    `  orchestration ${s.orchestration.batchIntervalS > 0 ? `batches every ${s.orchestration.batchIntervalS} s` : "per task on arrival"}${s.orchestration.overflowQueue ? ", overflow queue" : ""}`,
    `  edge         ${s.edge.hosts.length} hosts, ${vmLine(s.edge.hosts.flatMap((h) => h.vms))}`,
    `  cloud        ${vmLine(s.cloud.vms)}`,
    `  apps         ${s.workload.sizeDistribution} sizes${s.workload.integerSizes ? " (integers)" : ""}, start ${s.workload.startS} s`,
    ...s.workload.apps.map((a) => {
      const arr = a.arrival.model === "uniform-interval"
        ? `every U[${a.arrival.minIntervalS}, ${a.arrival.maxIntervalS}] s`
        : `Poisson ${a.arrival.meanInterarrivalS} s, active ${a.arrival.activePeriodS} s / idle ${a.arrival.idlePeriodS} s`;
      return `    ${a.name.padEnd(18)} ${String(a.sharePct).padStart(3)} %  ${a.lengthMi} MI  up ${a.uploadKb} KB  down ${a.downloadKb} KB  T_s ${a.delaySensitivity}  T_max ${a.maxDelayS ?? "-"} s  ${arr}`;
    }),
  ];
  if (s.assumptions.length > 0) {
    out.push(`  assumptions (${s.assumptions.length}, filled where the source is silent):`);
    for (const a of s.assumptions) out.push(`    ${a.path} = ${JSON.stringify(a.value)}: ${a.reason}`);
  }
  out.push("", "  offered load ρ = demanded MIPS / capacity MIPS", "  devices   tasks/s   demand MIPS    ρ edge   ρ cloud   ρ total");
  for (const n of s.deviceCounts) {
    const l = offeredLoad(s, n);
    out.push(`  ${String(n).padStart(7)}${l.tasksPerS.toFixed(1).padStart(10)}${Math.round(l.demandMips).toString().padStart(14)}${l.rhoEdge.toFixed(2).padStart(10)}${l.rhoCloud.toFixed(2).padStart(10)}${l.rhoTotal.toFixed(2).padStart(10)}`);
  }
  process.stdout.write(`${out.filter((l) => l !== "").join("\n")}\n`);
  return 0;
}
