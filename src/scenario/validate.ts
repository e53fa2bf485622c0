// Validation at the edge: schema check (zod), then cross-field checks; every problem is reported
// at once with its JSON path, the bad value and a fix. The result is frozen and hashed.
import { createHash } from "node:crypto";
import { z } from "zod";
import { didYouMean, InputError, jsonPath, type Problem, typePhrase } from "./errors.ts";
import { scenarioLimitProblems } from "./limits.ts";
import { scenarioSchema, type Scenario } from "./schema.ts";

export interface ResolvedScenario {
  readonly scenario: Readonly<Scenario>;
  /** sha256 of the canonical JSON of the resolved scenario (sorted keys), first 16 hex digits. */
  readonly hash: string;
}

/** Validate raw JSON data (already parsed) and return the frozen, hashed, resolved scenario. */
export function resolveScenario(data: unknown, source = "scenario"): ResolvedScenario {
  const problems = schemaProblems(scenarioSchema, data);
  if (problems.length > 0) throw new InputError(source, problems);
  const scenario = scenarioSchema.parse(data);
  delete scenario.$schema;
  // Limits last: they assume a scenario that is otherwise valid (positive intervals, shares summing to 100).
  const crossProblems = crossFieldProblems(scenario);
  if (crossProblems.length === 0) crossProblems.push(...scenarioLimitProblems(scenario));
  if (crossProblems.length > 0) throw new InputError(source, crossProblems);
  const frozen = deepFreeze(scenario);
  return { scenario: frozen, hash: hashJson(frozen) };
}

/** Turn zod issues into path-qualified problems with the value found and a fix. */
export function schemaProblems(schema: z.ZodType, data: unknown): Problem[] {
  const result = schema.safeParse(data);
  if (result.success) return [];
  const problems: Problem[] = [];
  for (const issue of result.error.issues) {
    const value = valueAt(data, issue.path);
    if (issue.code === "unrecognized_keys") {
      const known = knownKeys(schema, data, issue.path);
      for (const key of issue.keys) {
        const guess = didYouMean(key, known);
        problems.push({
          path: jsonPath([...issue.path, key]),
          value: valueAt(data, [...issue.path, key]),
          message: `unknown key "${key}"${guess ? ` (did you mean "${guess}"?)` : ""}`,
          fix: guess ? `rename it to "${guess}"` : `remove it; known keys here: ${known.join(", ")}`,
        });
      }
      continue;
    }
    problems.push({
      path: jsonPath(issue.path),
      value,
      message: issue.message.replace(/^Invalid input: /, ""),
      fix: fixFor(issue),
    });
  }
  return problems;
}

function fixFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return `give ${typePhrase(String(issue.expected))}`;
    case "too_small":
      return `use a value ${issue.inclusive ? "≥" : ">"} ${String(issue.minimum)}`;
    case "too_big":
      return `use a value ${issue.inclusive ? "≤" : "<"} ${String(issue.maximum)}`;
    case "invalid_value":
      return `use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "invalid_union":
      return "check the `model` field and the fields that model takes";
    default:
      return "see the JSON Schema (mecbench schema) for the expected form";
  }
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = data;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** The keys the schema accepts at `path` (for "did you mean"), following the data through unions. */
function knownKeys(schema: z.ZodType, data: unknown, path: readonly PropertyKey[]): string[] {
  let node: z.ZodType | undefined = schema;
  let value: unknown = data;
  for (const key of path) {
    node = node && childSchema(node, key, value);
    value = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  const object = node && objectShape(node, value);
  return object ? Object.keys(object) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (;;) {
    if (s instanceof z.ZodDefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable) {
      s = s.unwrap() as z.ZodType;
    } else return s;
  }
}

function objectShape(schema: z.ZodType, value: unknown): Record<string, z.ZodType> | undefined {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject) return s.shape as Record<string, z.ZodType>;
  if (s instanceof z.ZodDiscriminatedUnion) {
    const options = s.options as z.ZodType[];
    const disc = (s as unknown as { _zod: { def: { discriminator: string } } })._zod.def.discriminator;
    const wanted = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[disc] : undefined;
    for (const option of options) {
      const shape = objectShape(option, value);
      const lit = shape?.[disc];
      if (lit instanceof z.ZodLiteral && lit.value === wanted) return shape;
    }
    return objectShape(options[0]!, value);
  }
  return undefined;
}

function childSchema(schema: z.ZodType, key: PropertyKey, value: unknown): z.ZodType | undefined {
  const s = unwrap(schema);
  if (s instanceof z.ZodArray) return s.element as z.ZodType;
  if (s instanceof z.ZodTuple) return (s.def.items as z.ZodType[])[Number(key)];
  if (s instanceof z.ZodRecord) return s.valueType as z.ZodType;
  return objectShape(s, value)?.[String(key)];
}

function crossFieldProblems(s: Scenario): Problem[] {
  const problems: Problem[] = [];
  const apps = s.workload.apps;
  const shareSum = apps.reduce((sum, app) => sum + app.sharePct, 0);
  if (Math.abs(shareSum - 100) > 1e-6) {
    problems.push({
      path: "workload.apps[*].sharePct",
      value: apps.map((a) => a.sharePct),
      message: `app shares sum to ${shareSum}, not 100`,
      fix: "make the sharePct values add up to 100",
    });
  }
  const names = new Set<string>();
  apps.forEach((app, i) => {
    if (names.has(app.name)) {
      problems.push({ path: `workload.apps[${i}].name`, value: app.name, message: "duplicate app name", fix: "give every app a unique name" });
    }
    names.add(app.name);
    if (app.arrival.model === "uniform-interval" && app.arrival.minIntervalS > app.arrival.maxIntervalS) {
      problems.push({
        path: `workload.apps[${i}].arrival.minIntervalS`,
        value: app.arrival.minIntervalS,
        message: `minIntervalS exceeds workload.apps[${i}].arrival.maxIntervalS (${app.arrival.maxIntervalS})`,
        fix: "swap them or make min ≤ max",
      });
    }
  });
  if (s.simulation.warmupS >= s.simulation.durationS) {
    problems.push({
      path: "simulation.warmupS",
      value: s.simulation.warmupS,
      message: `warm-up is not shorter than the run (simulation.durationS ${s.simulation.durationS})`,
      fix: "use a warmupS smaller than durationS",
    });
  }
  if (s.cloud.vms.length === 0) {
    problems.push({ path: "cloud.vms", value: [], message: "the cloud tier has no VM", fix: "add at least one VM to cloud.vms" });
  }
  const aps = new Set<number>();
  s.edge.hosts.forEach((host, h) => {
    if (aps.has(host.accessPoint)) {
      problems.push({
        path: `edge.hosts[${h}].accessPoint`,
        value: host.accessPoint,
        message: "two edge hosts share this access point",
        fix: "give each host its own accessPoint (one host per access point)",
      });
    }
    aps.add(host.accessPoint);
  });
  const allVms = [...s.edge.hosts.flatMap((h) => h.vms), ...s.cloud.vms];
  apps.forEach((app, i) => {
    if (app.memoryMb > 0 && !allVms.some((vm) => vm.ramMb >= app.memoryMb)) {
      problems.push({
        path: `workload.apps[${i}].memoryMb`,
        value: app.memoryMb,
        message: "no VM has that much RAM, so no task of this app could ever run",
        fix: "lower memoryMb or raise some VM's ramMb",
      });
    }
    if (!allVms.some((vm) => vm.cores >= app.requiredCores)) {
      problems.push({
        path: `workload.apps[${i}].requiredCores`,
        value: app.requiredCores,
        message: "no VM has that many cores",
        fix: "lower requiredCores or add a VM with more cores",
      });
    }
  });
  const net = s.network;
  if (net.model === "shared-links") {
    for (const tier of ["remoteEdge", "cloud"] as const) {
      if (net[tier].minMbps > net[tier].maxMbps) {
        problems.push({
          path: `network.${tier}.minMbps`,
          value: net[tier].minMbps,
          message: `minMbps exceeds network.${tier}.maxMbps (${net[tier].maxMbps})`,
          fix: "make minMbps ≤ maxMbps",
        });
      }
    }
  }
  if (s.mobility.model === "nomadic" && s.edge.hosts.length < 2) {
    problems.push({ path: "mobility.model", value: "nomadic", message: "nomadic mobility needs at least two places", fix: "add edge hosts or use static mobility" });
  }
  if (s.orchestration.overflowQueue && s.orchestration.batchIntervalS === 0) {
    problems.push({
      path: "orchestration.overflowQueue",
      value: true,
      message: "an overflow queue is retried at the next batch, but batchIntervalS is 0",
      fix: "set orchestration.batchIntervalS > 0 (the paper: 0.1) or overflowQueue false",
    });
  }
  const counts = new Set<number>();
  s.deviceCounts.forEach((n, i) => {
    if (counts.has(n)) problems.push({ path: `deviceCounts[${i}]`, value: n, message: "duplicate sweep point", fix: "list each device count once" });
    counts.add(n);
  });
  return problems;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}

/** Canonical JSON (sorted keys, no whitespace): the basis of every hash in mecbench. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function hashJson(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex").slice(0, 16);
}
