// The model files a sweep's policies load, found by binding each policy once on the main thread:
// a policy's model files depend on the scenario and its options, not on the device count or the
// replica, so every unit of a policy loads the same files. The manifest records them (path,
// sha256, whether trained for this world) instead of every file under models/.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { nativePolicy } from "../engine/wasm/policies.ts";
import type { ModelUse } from "../nn/model-set.ts";
import { createRegistry, type PolicyRegistry } from "../policies/registry.ts";
import { PROJECT_ROOT } from "../kernel/project-files.ts";
import { policyVariant } from "./policy-variant.ts";
import type { ResolvedSweep } from "./types.ts";

export interface SweepModelUse extends ModelUse {
  /** The sweep's policy id (with options, e.g. neural-network[labels=outcome]). */
  policy: string;
}

/** The models each of the sweep's policies loads, in policy order. */
export function sweepModelUses(sweep: ResolvedSweep, registry: PolicyRegistry = createRegistry()): SweepModelUse[] {
  const s = sweep.resolved.scenario;
  const out: SweepModelUse[] = [];
  for (const id of sweep.policies) {
    const variant = policyVariant(id);
    if (!registry.names().includes(variant.name)) continue;
    const native = nativePolicy(registry.get(variant.name), { ...(s.policyOptions[variant.name] ?? {}), ...variant.options }, s);
    for (const m of native?.models ?? []) out.push({ policy: id, ...m });
  }
  return out;
}

/** sha256 by path of the files used (the manifest's `models`). */
export function modelHashesOf(uses: readonly ModelUse[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const u of uses) out[u.path] = u.sha256;
  return out;
}

/** The current sha256 of recorded model paths (relative ones are under the repository); null: gone. */
export function currentHashes(paths: readonly string[]): Record<string, string | null> {
  const root = fileURLToPath(PROJECT_ROOT);
  const out: Record<string, string | null> = {};
  for (const p of paths) {
    const file = resolve(root, p);
    out[p] = existsSync(file) ? createHash("sha256").update(readFileSync(file)).digest("hex") : null;
  }
  return out;
}
