// The WASM engine from the host's side: loads build/mecbench.wasm once per WasmEngine (one
// instance, one replica at a time), writes a replica's flat input, runs it, hosts TypeScript
// policies when the engine asks for decisions, and reads back the raw outputs. run.ts turns those
// into the RunResult (src/results/run-result.ts).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Scenario } from "../../scenario/schema.ts";
import type { ForwardPass, Policy } from "../../policies/types.ts";
import { InputError } from "../../scenario/errors.ts";
import { buildInfrastructure, type Infrastructure } from "../../scenario/infrastructure.ts";
import { encodeInput, type NativePolicy } from "./encode.ts";
import { POLICY_HOST } from "../../policies/native-ids.ts";
import {
  METRIC_FIELDS, METRIC_SCALARS, METRIC_TIERS, POLICY_STAT_COUNT, RUN_DECIDE_BATCH, RUN_DECIDE_TASK, RUN_DONE, RUN_ERRORS,
  SERIES_FIELDS, SERVICE_HIST_BINS, TRACE_FIELDS,
} from "./boundary.ts";
import { createWasmView, validVm } from "./view.ts";
import { projectFile } from "../../kernel/project-files.ts";
import type { WasmExports } from "../../kernel/wasm-exports.ts";
import { wasmImports } from "../../kernel/wasm-host.ts";


const REQUIRED: readonly (keyof WasmExports)[] = [
  "memory", "engineReset", "engineInputPtr", "engineCreate", "engineRun", "engineDecideListPtr", "engineAssign",
  "engineTaskColumnPtr", "engineMetricRowsPtr", "viewFeasibilityTier", "testQueueInit",
];

export interface WasmEngineOptions {
  /** Path or file URL of the .wasm; defaults to build/mecbench.wasm (release build). */
  wasmPath?: string | URL;
  /** An already compiled module (a fork's sibling instance shares its parent's); wasmPath is then ignored. */
  module?: WebAssembly.Module;
  /** Use build/mecbench.debug.wasm (assertions on) when no wasmPath is given. */
  debug?: boolean;
}

/** One replica: its device count, master seed, simulated time and warm-up (s). */
export interface ReplicaConfig {
  devices: number;
  seed: number;
  durationS: number;
  warmupS: number;
}

/** How the replica's policy runs: inside WASM (a built-in) or on the host (any TypeScript policy). */
export type PolicyBinding = { native: NativePolicy } | { host: Policy };

/** What a finished replica leaves behind, copied out of WASM memory. */
export interface WasmRunOutput {
  /** Metric rows (boundary.ts METRIC_FIELDS per app and tier), summarised by src/results/metrics.ts. */
  rows: Float64Array;
  /** Completed counted tasks by service-time bin (boundary.ts SERVICE_HIST). */
  serviceHist: Float64Array;
  /** The time series, SERIES_FIELDS.length f64 per sample. */
  series: Float64Array;
  utilSamples: number;
  utilEdgeSum: number;
  utilCloudSum: number;
  maxUtilPct: number;
  minUtilPct: number;
  generated: number;
  completed: number;
  failed: number;
  inFlight: number;
  /** Counters of a built-in policy (expert-rules: rule firings). */
  policyStats: Float64Array;
  /** Wall seconds of the event loop alone (the result's wallS). */
  wallS: number;
  /** Host turns: how often the engine handed decisions to a TypeScript policy. */
  hostTurns: number;
}

/** The host's answers to the engine's calls (assembly/engine/host.ts); set them before switching the calls on. */
export interface EngineHooks {
  /** The tier for `task` among the tiers set in `mask` (bit k: tier k has a feasible VM), or -1. */
  chooseTier?: (task: number, mask: number) => number;
  /** A task ended: kind 0 its download finished (the deadline test follows), kind 1 it failed with `reason`. */
  taskEnded?: (task: number, kind: number, reason: number) => void;
  /** The forward passes of neural-network with backend=onnx. */
  forward?: ForwardPass;
  /** An ended task's record (boundary.ts TRACE_FIELDS), a view valid only during the call. */
  taskTrace?: (record: Float64Array) => void;
}

export class WasmEngine {
  readonly exports: WasmExports;
  readonly hooks: EngineHooks = {};
  readonly path: string;
  readonly module: WebAssembly.Module;

  constructor(options: WasmEngineOptions = {}) {
    const url = options.wasmPath ?? projectFile(options.debug ? "build/mecbench.debug.wasm" : "build/mecbench.wasm");
    this.path = url instanceof URL && url.protocol === "file:" ? fileURLToPath(url) : String(url);
    if (options.module) this.module = options.module;
    else {
      let bytes: Uint8Array<ArrayBuffer>;
      try {
        bytes = readFileSync(url) as Uint8Array<ArrayBuffer>;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new Error(
          code === "ENOENT" ? `WASM engine not found at ${this.path}: run "npm run build:wasm" first` : `cannot read ${this.path}: ${String(e)}`,
          { cause: e },
        );
      }
      this.module = new WebAssembly.Module(bytes);
    }
    const box: { memory?: WebAssembly.Memory } = {};
    const hooks = this.hooks;
    const abortError = (message: string, file: string, line: number, col: number) => new Error(`WASM engine abort at ${file}:${line}:${col}: ${message}`);
    const instance = new WebAssembly.Instance(this.module, wasmImports(box, abortError, {
      // assembly/engine/host.ts: called only once the host switched them on.
      chooseTier: (task, mask) => {
        if (!hooks.chooseTier) throw new Error("WASM engine asked for a tier, but no host tier chooser is bound");
        return hooks.chooseTier(task, mask);
      },
      forward: (net, input, n, output) => {
        if (!hooks.forward) throw new Error("WASM engine asked for a forward pass, but no host network is bound");
        hooks.forward(net, input, n, output, box.memory!);
      },
      taskTrace: (record) => {
        if (!hooks.taskTrace) throw new Error("WASM engine traced a task, but no trace writer is bound");
        hooks.taskTrace(new Float64Array(box.memory!.buffer, record, TRACE_FIELDS.length));
      },
      taskEnded: (task, kind, reason) => {
        if (!hooks.taskEnded) throw new Error("WASM engine reported a task's end, but no host listener is bound");
        hooks.taskEnded(task, kind, reason);
      },
    }));
    const raw = instance.exports as Record<string, unknown>;
    const missing = REQUIRED.filter((k) => raw[k] === undefined);
    if (missing.length > 0) throw new Error(`${this.path} lacks exports ${missing.join(", ")}: it is stale, run "npm run build:wasm"`);
    this.exports = raw as unknown as WasmExports;
    box.memory = this.exports.memory;
  }

  /** A second instance of the same compiled module, with nothing in it yet (see snapshot.ts). */
  sibling(): WasmEngine {
    return new WasmEngine({ module: this.module, wasmPath: this.path });
  }

  /** Bytes of linear memory the instance holds now (it never shrinks). */
  get memoryBytes(): number {
    return this.exports.memory.buffer.byteLength;
  }

  /**
   * Run an engine call; when it fails because linear memory is exhausted (the allocator's
   * "Allocation too large" abort, or a trap once memory cannot grow), throw EngineMemoryError, an
   * InputError that says which run was too big and how to shrink it, instead of the raw trap.
   */
  private guard<T>(config: ReplicaConfig, call: () => T): T {
    try {
      return call();
    } catch (e) {
      if (isOutOfMemory(e, this.memoryBytes)) throw new EngineMemoryError(config, this.memoryBytes, e);
      throw e;
    }
  }

  /** Build the replica in WASM memory (forgetting the previous one). Returns the infrastructure. */
  create(scenario: Readonly<Scenario>, config: ReplicaConfig, policy: NativePolicy): Infrastructure {
    const ex = this.exports;
    const input = encodeInput(scenario, config, policy);
    ex.engineReset();
    const rc = this.guard(config, () => {
      const ptr = ex.engineInputPtr(input.length);
      new Float64Array(ex.memory.buffer, ptr, input.length).set(input);
      return ex.engineCreate();
    });
    if (rc !== 0) throw new Error(`WASM engine: ${RUN_ERRORS[rc] ?? `engineCreate failed with code ${rc}`}`);
    return buildInfrastructure(scenario);
  }

  /** Run one replica to its end with the policy bound inside WASM or on the host. */
  run(scenario: Readonly<Scenario>, config: ReplicaConfig, binding: PolicyBinding, trace?: (record: Float64Array) => void): WasmRunOutput {
    const ex = this.exports;
    const native = "native" in binding ? binding.native : { id: POLICY_HOST, params: [], statNames: [] };
    this.hooks.forward = native.hooks?.forward;
    const infra = this.create(scenario, config, native);
    this.hooks.taskTrace = trace;
    if (trace) ex.engineSetTrace(1);
    const started = performance.now();
    let status = this.guard(config, () => ex.engineRun());
    let hostTurns = 0;
    if (status > 0) {
      if (!("host" in binding)) throw new Error("WASM engine asked the host to decide for a built-in policy");
      const policy = binding.host;
      const { view, refresh } = createWasmView(ex, scenario, infra, config.devices);
      const vmCount = infra.vmCount;
      const assign = (task: number, vm: number): boolean => validVm(vm, vmCount) && ex.engineAssign(task, vm) === 1;
      while (status > 0) {
        hostTurns++;
        refresh();
        if (status === RUN_DECIDE_BATCH) {
          const n = ex.engineDecideCount();
          const list = new Int32Array(ex.memory.buffer, ex.engineDecideListPtr(), n);
          if (policy.decideBatch) policy.decideBatch(list, n, view, assign);
          else {
            for (let i = 0; i < n; i++) {
              const task = list[i]!;
              if (ex.engineFits(task) === 0) continue;
              const vm = policy.decide(task, view);
              if (vm >= 0) assign(task, vm);
            }
          }
        } else if (status === RUN_DECIDE_TASK) {
          const vm = policy.decide(ex.engineDecideTask(), view);
          ex.engineSetDecision(validVm(vm, vmCount) ? vm : -1);
        }
        status = this.guard(config, () => ex.engineRun());
      }
    }
    const wallS = (performance.now() - started) / 1000;
    if (status !== RUN_DONE) throw new Error(`WASM engine: ${RUN_ERRORS[status] ?? `engineRun failed with code ${status}`}`);
    return this.output(scenario, wallS, hostTurns);
  }

  /** The outputs of the replica in the instance now (a finished run, or a fork driven to its end). */
  output(scenario: Readonly<Scenario>, wallS = 0, hostTurns = 0): WasmRunOutput {
    const ex = this.exports;
    const b = ex.memory.buffer;
    const rowCount = scenario.workload.apps.length * METRIC_TIERS * METRIC_FIELDS.length;
    const rows = new Float64Array(b, ex.engineMetricRowsPtr(), rowCount).slice();
    const sc = new Float64Array(b, ex.engineMetricScalarsPtr(), METRIC_SCALARS.length);
    return {
      rows,
      serviceHist: new Float64Array(b, ex.engineServiceHistPtr(), SERVICE_HIST_BINS).slice(),
      series: new Float64Array(b, ex.engineSeriesPtr(), ex.engineSeriesCount() * SERIES_FIELDS.length).slice(),
      utilSamples: sc[0]!, utilEdgeSum: sc[1]!, utilCloudSum: sc[2]!, maxUtilPct: sc[3]!, minUtilPct: sc[4]!,
      generated: ex.engineGenerated(),
      completed: ex.engineCompleted(),
      failed: ex.engineFailed(),
      inFlight: ex.engineTaskLive(),
      policyStats: new Float64Array(b, ex.enginePolicyStatsPtr(), POLICY_STAT_COUNT).slice(),
      wallS,
      hostTurns,
    };
  }
}

/** wasm32 linear memory tops out at 65 536 pages of 64 KiB. */
const MAX_WASM_BYTES = 4 * 2 ** 30;

/** An engine failure caused by exhausted linear memory rather than by a bug. */
function isOutOfMemory(e: unknown, memoryBytes: number): boolean {
  if (e instanceof EngineMemoryError) return false;
  const message = e instanceof Error ? e.message : String(e);
  if (/Allocation too large|out of memory|Cannot allocate Wasm memory|WebAssembly\.Memory\.grow/i.test(message)) return true;
  // Traps once memory could not grow any further: the failed allocation's block lies past the end.
  return e instanceof WebAssembly.RuntimeError && /memory access out of bounds|unreachable/.test(message) && memoryBytes >= MAX_WASM_BYTES - 256 * 2 ** 20;
}

/** The replica outgrew the engine's memory: bad input (too many devices for too long), exit 2. */
export class EngineMemoryError extends InputError {
  constructor(config: ReplicaConfig, memoryBytes: number, cause: unknown) {
    super("WASM engine", [{
      path: "devices × duration",
      value: `${config.devices} devices, ${config.durationS} s`,
      message: `the replica outgrew the engine's memory (${(memoryBytes / 2 ** 30).toFixed(1)} GiB of the 4 GiB a wasm32 engine can address): too many tasks in flight at once`,
      fix: "use fewer devices (--devices, deviceCounts) or a shorter run (--duration-s, simulation.durationS); docs/limits.md says what a device and a task cost",
    }]);
    Object.defineProperty(this, "cause", { value: cause, configurable: true, writable: true });
  }
}
