// Work units in canonical order and the shard slice. The canonical order (devices as given, then
// replica, then policy as given) is the order of the final rows, whatever order units finish in.
import type { ResolvedSweep, Shard, WorkUnit } from "./types.ts";

/** Every unit of the sweep, index = position in canonical order. */
export function enumerateUnits(sweep: Pick<ResolvedSweep, "devices" | "policies" | "seeds">): WorkUnit[] {
  const units: WorkUnit[] = [];
  for (const devices of sweep.devices) {
    sweep.seeds.forEach((seed, replica) => {
      for (const policy of sweep.policies) units.push({ index: units.length, devices, replica, seed, policy });
    });
  }
  return units;
}

/** The units a shard runs: index mod count == shard index (round-robin keeps shards balanced). */
export function shardUnits(units: readonly WorkUnit[], shard: Shard | null): WorkUnit[] {
  if (!shard) return [...units];
  return units.filter((u) => u.index % shard.count === shard.index);
}

/** Stable human-readable key of a unit; also its staging file name (policy names are URI-encoded). */
export function unitKey(unit: Pick<WorkUnit, "devices" | "replica" | "policy">): string {
  return `d${unit.devices}-r${unit.replica}-${encodeURIComponent(unit.policy)}`;
}

/** "devices=100 replica=1 policy=random", for messages. */
export function describeUnit(unit: Pick<WorkUnit, "devices" | "replica" | "policy">): string {
  return `devices=${unit.devices} replica=${unit.replica} policy=${unit.policy}`;
}
