// The library's one call for a sweep: a spec (the --spec file's keys, as data) with the user's
// policies, run into a directory, as `mecbench sweep` does. User policies come from modules
// (`policyModules`: worker threads import them) or from a registry built in code (those cannot be
// posted to a worker thread, so such a sweep runs its units in this thread).
import type { PolicyRegistry } from "../policies/registry.ts";
import { loadPolicyModules } from "../policies/user-modules.ts";
import { runSweep, type SweepOutcome, type SweepRunOptions } from "./run-sweep.ts";
import { resolveSweep, type SweepInput } from "./spec.ts";
import type { ResolvedSweep } from "./types.ts";

export interface SweepSpecOptions extends Omit<SweepRunOptions, "registry" | "mode"> {
  /** Policies registered in code (e.g. registry.add(myPolicy)); with any, units run in this thread. @default createRegistry() */
  registry?: PolicyRegistry;
}

/**
 * Resolve `spec` (scenario, policies, devices, replicas, durationS, warmupS, seed, reference,
 * policyOptions, policyModules) and run it into `options.outDir`. Resumable like the CLI.
 */
export async function runSweepSpec(spec: SweepInput, options: SweepSpecOptions): Promise<SweepOutcome & { sweep: ResolvedSweep }> {
  const { policyModules: paths = [], ...input } = spec;
  const { modules, registry } = await loadPolicyModules(paths, (i) => `policyModules[${i}]`);
  const inCode = (options.registry?.list() ?? []).filter((p) => !registry.names().includes(p.name));
  for (const p of inCode) registry.add(p);
  const sweep = resolveSweep(input, {}, { registry, policyModules: modules });
  const outcome = await runSweep(sweep, { ...options, registry, mode: inCode.length > 0 ? "inline" : "pool" });
  return { ...outcome, sweep };
}
