// The SystemView of a TypeScript policy running on the WASM engine: typed-array views of the
// engine's linear memory for the columns and VM state, exported WASM functions for the estimates,
// probes and feasibility, so a policy reads exactly what the built-in policies read inside WASM.
// Views are re-taken at the start of every host turn (memory may have grown since the last one);
// nothing allocates while a policy runs, so they stay valid for the whole turn.
import type { Infrastructure } from "../../scenario/infrastructure.ts";
import type { Scenario } from "../../scenario/schema.ts";
import type { SystemView, TaskColumnsView } from "../../policies/types.ts";
import type { WasmExports } from "../../kernel/wasm-exports.ts";
import { TASK_F64, TASK_I32 } from "./boundary.ts";

export interface WasmView {
  readonly view: SystemView;
  /** Re-take the typed-array views if memory grew or the task table moved. */
  refresh(): void;
}

export function createWasmView(
  ex: WasmExports, scenario: Readonly<Scenario>, infra: Infrastructure, deviceCount: number,
): WasmView {
  let buffer: ArrayBuffer | undefined;
  let capacity = -1;
  let tasks: TaskColumnsView;
  let deviceAccessPoint: Int32Array;
  let vmUtilPct: Float64Array;
  let vmFreeMemMb: Float64Array;
  let vmBoundTasks: Int32Array;
  const vms = infra.vmCount;
  const refresh = (): void => {
    const b = ex.memory.buffer;
    const cap = ex.engineTaskCapacity();
    if (b === buffer && cap === capacity) return;
    buffer = b;
    capacity = cap;
    const f64 = (field: number) => new Float64Array(b, ex.engineTaskColumnPtr(field), cap);
    const i32 = (field: number) => new Int32Array(b, ex.engineTaskColumnPtr(field), cap);
    tasks = {
      device: i32(TASK_I32.device), app: i32(TASK_I32.app), lengthMi: f64(TASK_F64.lengthMi), uploadKb: f64(TASK_F64.uploadKb),
      downloadKb: f64(TASK_F64.downloadKb), arrivalS: f64(TASK_F64.arrivalS), deadlineS: f64(TASK_F64.deadlineS),
    };
    deviceAccessPoint = new Int32Array(b, ex.engineDeviceAccessPointPtr(), deviceCount);
    vmUtilPct = new Float64Array(b, ex.engineVmUtilPctPtr(), vms);
    vmFreeMemMb = new Float64Array(b, ex.engineVmFreeMemMbPtr(), vms);
    vmBoundTasks = new Int32Array(b, ex.engineVmBoundTasksPtr(), vms);
  };
  const view: SystemView = {
    get now() {
      return ex.viewNow();
    },
    scenario,
    infra,
    get tasks() {
      return tasks;
    },
    deviceCount,
    get deviceAccessPoint() {
      return deviceAccessPoint;
    },
    get vmUtilPct() {
      return vmUtilPct;
    },
    get vmFreeMemMb() {
      return vmFreeMemMb;
    },
    get vmBoundTasks() {
      return vmBoundTasks;
    },
    tierOf: (task, vm) => ex.viewTierOf(task, vm),
    localHost: (task) => ex.viewLocalHost(task),
    fits: (task, vm) => validVm(vm, vms) && ex.viewFits(task, vm) === 1,
    requiredUtilPct: (task, vm) => ex.viewRequiredUtilPct(task, vm),
    feasibility: (task, vm) => ex.viewFeasibility(task, vm),
    loadFraction: (vm) => ex.viewLoadFraction(vm),
    estimateServiceS: (task, vm) => ex.viewEstimateServiceS(task, vm),
    estimateNetworkS: (task, vm) => ex.viewEstimateNetworkS(task, vm),
    fastestVm: (task, tier, feasibleOnly, out) => {
      const vm = ex.engineFastestVm(task, tier, feasibleOnly ? 1 : 0);
      out[0] = ex.engineLastEstimate();
      return vm;
    },
    worstFit: (task, start, end) => ex.viewWorstFit(task, Math.max(0, Math.trunc(start)), Math.min(vms, Math.trunc(end))),
    meanEdgeUtilPct: () => ex.viewMeanEdgeUtilPct(),
    hostUtilPct: (host) => ex.viewHostUtilPct(host),
    wanBandwidthMbps: (ap) => ex.viewWanBandwidthMbps(ap),
    manDelayS: () => ex.viewManDelayS(),
    tierBandwidthMbps: (tier, ap) => ex.viewTierBandwidthMbps(tier, ap),
  };
  refresh();
  return { view, refresh };
}

/** A VM id the engine can index (anything else counts as "refused"). */
export function validVm(vm: number, vmCount: number): boolean {
  return Number.isInteger(vm) && vm >= 0 && vm < vmCount;
}
