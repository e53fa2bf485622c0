// The contract of a compute model: how VMs admit, queue and execute tasks, and what they report.
import type { SimContext } from "../../engine/context.ts";

export interface ComputeModel {
  /** Live VM utilization (%), as the model defines it (the metric and what policies see). */
  readonly utilPct: Float64Array;
  readonly freeMemMb: Float64Array;
  readonly boundTasks: Int32Array;
  /** Admission control: would the VM accept the task now? */
  fits(task: number, vm: number): boolean;
  /** Share of the VM's CPU (%) the task needs: the quantity admission compares with free capacity. */
  requiredUtilPct(task: number, vm: number): number;
  /** U of the paper, in [0, 1]: what C2 and C3 see. Counts tasks bound to the VM, not only running ones. */
  loadFraction(vm: number): number;
  /** Bind a task to a VM at decision time (holds memory and admission share until it leaves). */
  bind(task: number, vm: number): void;
  /** Undo `bind` for a task that fails before reaching the VM. */
  unbind(task: number): void;
  /** The task's input has arrived at its VM: queue or run it. */
  submit(task: number): void;
  /** Estimated time from now until the task would finish on the VM, were it submitted now (s). */
  estimateExecS(task: number, vm: number): number;
  /** A VM slot event (processor sharing) or a task slot event of a running task (FIFO). */
  onVmEvent(vm: number): void;
  onTaskEvent(task: number): void;
}

export type ComputeFactory = (ctx: SimContext, vmSlotBase: number) => ComputeModel;
