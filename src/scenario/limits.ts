// Resource limits, in one place, as validation rules: each is derived from what the WASM engine
// (or the host) can hold, and each is checked before any work starts or any file is written, so
// an impossible request is an InputError naming the flag or JSON path, the value, the limit and
// the fix (exit 2) instead of an "Allocation too large" abort, a V8 fatal error or a run that never
// ends. docs/limits.md gives each limit with its reason; the numbers below are the ones it quotes.
import type { Problem } from "./errors.ts";
import type { Scenario } from "./schema.ts";

/** What the WASM engine's memory costs, measured with WasmEngine.memoryBytes (docs/limits.md). */
export const ENGINE_COSTS = {
  /** wasm32 linear memory: 65 536 pages of 64 KiB. */
  addressableBytes: 4 * 2 ** 30,
  /** Per device, measured beyond the task table: queue slots (arrival, move), workload and mobility state. */
  bytesPerDevice: 256,
  /** Per live task: 20 f64 + 10 i32 columns (200 B) and its event-queue slot (16 B node + 4 B position). */
  bytesPerTask: 220,
  /** The engine sizes its task table for 16 live tasks per device (assembly/engine/engine.ts). */
  liveTasksPerDevice: 16,
  /** Tables grow by doubling into a fresh block and the old one stays until the next replica: 2× peak. */
  growthFactor: 2,
  /** The event queue's key holds a 35-bit sequence number: at most 2^35 events scheduled per replica. */
  maxScheduledEvents: 2 ** 35,
  /**
   * Scheduling operations per task, an upper bound: arrival, upload and download legs over up to
   * three links, the execution, and the reschedules a shared link or a processor-sharing VM makes
   * when a transfer or task starts and ends.
   */
  eventsPerTask: 16,
} as const;

/** Bytes a replica of `devices` devices needs at the engine's sizing of live tasks. */
export function engineBytesFor(devices: number): number {
  const c = ENGINE_COSTS;
  return devices * (c.bytesPerDevice + c.liveTasksPerDevice * c.bytesPerTask * c.growthFactor);
}

export const LIMITS = {
  /**
   * Devices per run. At the engine's own sizing (16 live tasks per device, 2× growth) a device costs
   * 7.3 KB, 0.68 GiB for 100 000. An overloaded run holds more: measured, the paper preset at
   * 100 000 devices for 30 s peaks at 610 MiB (956 000 tasks in flight), while 500 000 devices
   * exhaust the 4 GiB within 20 s. 100 000 leaves that 6× margin; past it EngineMemoryError.
   */
  devicesPerRun: 100_000,
  /**
   * Device counts in one sweep: a range is expanded into a list before anything runs, and each
   * point is a column of every figure and table.
   */
  sweepPoints: 10_000,
  /**
   * Units (policies × device counts × replicas) in one sweep: each unit leaves ~10 KB of rows that
   * the summary, merge and report hold in memory at once (~0.5 GB of rows, ~1 GB of heap at the limit).
   */
  sweepUnits: 50_000,
  /**
   * Training samples: ~1.5 KB each on the host (20 tier features, up to 4 VM samples of 17 features,
   * their normalised copies), ~1.5 GB at the limit.
   */
  trainSamples: 1_000_000,
  /**
   * Access point ids: they are numbered from 0 and the engine keeps a table of (largest id + 1)
   * entries per access point (host, clients, bandwidth), so a stray 1e12 would allocate terabytes.
   */
  accessPointId: 9_999,
  /**
   * meanInterarrivalS / activePeriodS of an idle-active app: the generator draws one gap per active
   * period until one fits, so a device goes through about this many periods per task; at 1e12 the
   * first task alone would take 10^10 draws.
   */
  idleActiveGapRatio: 1_000,
} as const;

/** 4 significant digits, thousands spaced, exponent form past 10^9 (so 1e308 stays short). */
const fmt = (x: number) =>
  !Number.isFinite(x) || Math.abs(x) >= 1e9 ? x.toPrecision(4).replace(/\.?0+e/, "e") : x.toLocaleString("en-US", { maximumSignificantDigits: 4 }).replace(/,/g, " ");

/** A scenario's shortest time constant: the smallest step its clock must still be able to take. */
export function smallestTimeStep(s: Readonly<Scenario>): { stepS: number; path: string } {
  const candidates: [number, string][] = [[s.simulation.utilizationSampleIntervalS, "simulation.utilizationSampleIntervalS"]];
  if (s.orchestration.batchIntervalS > 0) candidates.push([s.orchestration.batchIntervalS, "orchestration.batchIntervalS"]);
  s.workload.apps.forEach((app, i) => {
    const a = app.arrival;
    if (a.model === "uniform-interval") candidates.push([a.minIntervalS, `workload.apps[${i}].arrival.minIntervalS`]);
    else candidates.push([a.meanInterarrivalS, `workload.apps[${i}].arrival.meanInterarrivalS`]);
  });
  const n = s.network;
  if (n.model === "shared-links") {
    candidates.push([n.remoteEdge.redrawIntervalS, "network.remoteEdge.redrawIntervalS"], [n.cloud.redrawIntervalS, "network.cloud.redrawIntervalS"]);
  } else candidates.push([n.man.estimatorIntervalS, "network.man.estimatorIntervalS"]);
  if (s.mobility.model === "nomadic") {
    s.mobility.meanDwellByAttractivenessS.forEach((d, k) => candidates.push([d, `mobility.meanDwellByAttractivenessS[${k}]`]));
  }
  let best = candidates[0]!;
  for (const c of candidates) if (c[0] < best[0]) best = c;
  return { stepS: best[0], path: best[1] };
}

/**
 * The longest simulated time at which the clock still advances by the scenario's smallest step:
 * doubles near t are 2^(⌊log2 t⌋ − 52) apart, so below step × 2^52 a step moves the clock by at
 * least itself; beyond it, t + step rounds back to t and the run never ends.
 */
export function maxDurationS(s: Readonly<Scenario>): { maxS: number; stepS: number; path: string } {
  const { stepS, path } = smallestTimeStep(s);
  return { maxS: stepS * 2 ** 52, stepS, path };
}

/** Events a replica schedules, estimated from the rates of tasks, timers and moves; `source` is the largest term. */
export function expectedEvents(s: Readonly<Scenario>, devices: number, durationS: number): { events: number; source: string } {
  const terms: [number, string][] = [[1 / s.simulation.utilizationSampleIntervalS, "simulation.utilizationSampleIntervalS"]];
  s.workload.apps.forEach((app, i) => {
    const a = app.arrival;
    const perDevice = a.model === "uniform-interval"
      ? 2 / (a.minIntervalS + a.maxIntervalS)
      : a.activePeriodS / (a.activePeriodS + a.idlePeriodS) / a.meanInterarrivalS;
    const field = a.model === "uniform-interval" ? "minIntervalS" : "meanInterarrivalS";
    terms.push([devices * (app.sharePct / 100) * perDevice * ENGINE_COSTS.eventsPerTask, `workload.apps[${i}].arrival.${field}`]);
  });
  if (s.orchestration.batchIntervalS > 0) terms.push([1 / s.orchestration.batchIntervalS, "orchestration.batchIntervalS"]);
  const n = s.network;
  if (n.model === "shared-links") {
    terms.push([1 / n.remoteEdge.redrawIntervalS, "network.remoteEdge.redrawIntervalS"], [1 / n.cloud.redrawIntervalS, "network.cloud.redrawIntervalS"]);
  } else terms.push([1 / n.man.estimatorIntervalS, "network.man.estimatorIntervalS"]);
  if (s.mobility.model === "nomadic") {
    const dwell = s.mobility.meanDwellByAttractivenessS;
    const k = dwell.indexOf(Math.min(...dwell));
    terms.push([devices / dwell[k]!, `mobility.meanDwellByAttractivenessS[${k}]`]);
  }
  let perS = 0;
  let top = terms[0]!;
  for (const t of terms) {
    perS += t[0];
    if (t[0] > top[0]) top = t;
  }
  return { events: perS * durationS, source: top[1] };
}

/** Where a run's size came from: a flag ("--devices") or a JSON path ("deviceCounts[2]"). */
export interface RunOrigin {
  devices: string;
  durationS: string;
}

/** Problems of one replica's size: devices, simulated time, scheduled events. */
export function runLimitProblems(s: Readonly<Scenario>, devices: number, durationS: number, at: RunOrigin): Problem[] {
  const problems: Problem[] = [];
  if (devices > LIMITS.devicesPerRun) {
    problems.push({
      path: at.devices,
      value: devices,
      message: `more than ${fmt(LIMITS.devicesPerRun)} devices per run (the WASM engine needs ~${fmt(engineBytesFor(devices) / 2 ** 30)} GiB for them; it can address 4 GiB)`,
      fix: `use at most ${fmt(LIMITS.devicesPerRun)} devices (docs/limits.md)`,
    });
    return problems; // the event estimate below would only repeat the same excess
  }
  const { maxS, stepS, path } = maxDurationS(s);
  if (durationS > maxS) {
    problems.push({
      path: at.durationS,
      value: durationS,
      message: `longer than ${fmt(maxS)} s, beyond which the clock cannot advance by the scenario's smallest step (${path} = ${stepS} s)`,
      fix: `simulate at most ${fmt(maxS)} s (docs/limits.md)`,
    });
    return problems;
  }
  const { events, source } = expectedEvents(s, devices, durationS);
  if (!(events <= ENGINE_COSTS.maxScheduledEvents)) {
    const perS = events / durationS;
    problems.push({
      path: at.durationS,
      value: durationS,
      message: `about ${fmt(events)} events for ${fmt(devices)} devices over ${fmt(durationS)} s (mostly from ${source}), more than the engine's event queue can number (2^35 = ${fmt(ENGINE_COSTS.maxScheduledEvents)})`,
      fix: `simulate at most ${fmt(Math.floor(ENGINE_COSTS.maxScheduledEvents / perS))} s at this device count, use fewer devices, or a longer ${source.replace(/^.*\./, "")} (docs/limits.md)`,
    });
  }
  return problems;
}

/** Problems of a scenario file's own sweep points and duration (checked with its validation). */
export function scenarioLimitProblems(s: Readonly<Scenario>): Problem[] {
  const problems: Problem[] = [];
  if (s.deviceCounts.length > LIMITS.sweepPoints) {
    problems.push({ path: "deviceCounts", value: `${s.deviceCounts.length} entries`, message: `more than ${fmt(LIMITS.sweepPoints)} sweep points`, fix: `list at most ${fmt(LIMITS.sweepPoints)} device counts (docs/limits.md)` });
  }
  s.deviceCounts.forEach((devices, i) => {
    problems.push(...runLimitProblems(s, devices, s.simulation.durationS, { devices: `deviceCounts[${i}]`, durationS: "simulation.durationS" }));
  });
  s.edge.hosts.forEach((host, h) => {
    if (host.accessPoint > LIMITS.accessPointId) {
      problems.push({
        path: `edge.hosts[${h}].accessPoint`,
        value: host.accessPoint,
        message: `above ${fmt(LIMITS.accessPointId)}: access points are numbered from 0 and the engine keeps a table entry for every id up to the largest`,
        fix: "number the access points 0, 1, 2, ... (docs/limits.md)",
      });
    }
  });
  s.workload.apps.forEach((app, i) => {
    const a = app.arrival;
    if (a.model === "idle-active-poisson" && a.meanInterarrivalS > LIMITS.idleActiveGapRatio * a.activePeriodS) {
      problems.push({
        path: `workload.apps[${i}].arrival.meanInterarrivalS`,
        value: a.meanInterarrivalS,
        message: `more than ${fmt(LIMITS.idleActiveGapRatio)} × workload.apps[${i}].arrival.activePeriodS (${a.activePeriodS} s): a device would go through ~${fmt(a.meanInterarrivalS / a.activePeriodS)} active periods per task, one random draw each`,
        fix: `use a meanInterarrivalS of at most ${fmt(LIMITS.idleActiveGapRatio * a.activePeriodS)} s, or a longer activePeriodS (docs/limits.md)`,
      });
    }
  });
  // One problem per path: the duration is the same for every point.
  const seen = new Set<string>();
  return problems.filter((p) => (seen.has(p.path) ? false : (seen.add(p.path), true)));
}

/** Problems of a sweep's size before anything runs or is written. */
export function sweepLimitProblems(points: number, units: number, at: { devices: string; units: string }): Problem[] {
  const problems: Problem[] = [];
  if (points > LIMITS.sweepPoints) {
    problems.push({ path: at.devices, value: `${fmt(points)} device counts`, message: `more than ${fmt(LIMITS.sweepPoints)} sweep points`, fix: `use a larger step or fewer device counts: at most ${fmt(LIMITS.sweepPoints)} (docs/limits.md)` });
  } else if (units > LIMITS.sweepUnits) {
    problems.push({ path: at.units, value: `${fmt(units)} units`, message: `more than ${fmt(LIMITS.sweepUnits)} units (policies × device counts × replicas)`, fix: `sweep fewer policies, device counts or replicas, or split it into several sweeps (docs/limits.md)` });
  }
  return problems;
}

/** The problem of a training sample count, if it is beyond the limit. */
export function trainSamplesProblem(samples: number, flag = "--samples"): Problem | undefined {
  if (samples <= LIMITS.trainSamples) return undefined;
  return {
    path: flag,
    value: samples,
    message: `more than ${fmt(LIMITS.trainSamples)} training samples (~1.5 KB each in memory: ${fmt((samples * 1536) / 2 ** 30)} GiB)`,
    fix: `give ${flag} at most ${fmt(LIMITS.trainSamples)} (docs/limits.md)`,
  };
}
