// The world fingerprint: a hash of the part of a resolved scenario a trained model depends on
// (infrastructure, workload apps, network, compute and mobility models, orchestration). A model
// trained for one world is valid for every scenario with the same fingerprint, whatever its name,
// description, device counts, run length or policy options, so models are chosen by world, not name.
import type { Scenario } from "./schema.ts";
import { canonicalJson, hashJson } from "./validate.ts";

/** What a model depends on. Labels (host and app names) are left out: renaming changes no world. */
export interface World {
  workload: unknown;
  edge: unknown;
  cloud: unknown;
  network: unknown;
  compute: unknown;
  mobility: unknown;
  orchestration: unknown;
}

export function worldOf(s: Readonly<Scenario>): World {
  return {
    workload: { ...s.workload, apps: s.workload.apps.map(({ name: _name, ...app }) => app) },
    edge: { hosts: s.edge.hosts.map(({ name: _name, ...host }) => host) },
    cloud: s.cloud,
    network: s.network,
    compute: s.compute,
    mobility: s.mobility,
    orchestration: s.orchestration,
  };
}

/** sha256 of the world's canonical JSON, first 16 hex digits (as scenario hashes). */
export function worldFingerprint(s: Readonly<Scenario>): string {
  return hashJson(worldOf(s));
}

/** Every leaf (or array length) where two worlds differ: "path: a vs b". */
export function worldLeafDifferences(a: Readonly<Scenario>, b: Readonly<Scenario>): string[] {
  const out: string[] = [];
  const walk = (x: unknown, y: unknown, path: string): void => {
    if (canonicalJson(x) === canonicalJson(y)) return;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) out.push(`${path}: ${x.length} vs ${y.length} items`);
      else x.forEach((v, i) => walk(v, y[i], `${path}[${i}]`));
      return;
    }
    if (isObject(x) && isObject(y)) {
      const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort();
      for (const k of keys) walk(x[k], y[k], path === "" ? k : `${path}.${k}`);
      return;
    }
    out.push(`${path}: ${preview(x)} vs ${preview(y)}`);
  };
  walk(worldOf(a), worldOf(b), "");
  return out;
}

/**
 * Where two worlds differ, one line per field group (the first two path levels, array indices
 * dropped), with the first difference as the example: short enough for an error message.
 */
export function worldDifferences(a: Readonly<Scenario>, b: Readonly<Scenario>): string[] {
  const groups = new Map<string, string[]>();
  for (const d of worldLeafDifferences(a, b)) {
    const key = d.slice(0, d.indexOf(":")).replace(/\[\d+\]/g, "").split(".").slice(0, 2).join(".");
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return [...groups].map(([key, ds]) => (ds.length === 1 ? ds[0]! : `${key}: ${ds.length} values differ, e.g. ${ds[0]}`));
}

/** How far apart two worlds are: the number of field groups that differ (worldDifferences). */
export function worldDistance(a: Readonly<Scenario>, b: Readonly<Scenario>): number {
  return worldDifferences(a, b).length;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function preview(v: unknown): string {
  const text = JSON.stringify(v) ?? "absent";
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
