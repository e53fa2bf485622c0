// processor-sharing: CloudSim's time-shared VM as EdgeCloudSim uses it. Every admitted task runs at
// once; per-core capacity = VM MIPS / max(Σ cores of running tasks, VM cores), and a task advances
// at that times its own cores. Exact, event-driven: one virtual clock per VM (MI per task-core done
// so far), a task finishes when the clock reaches its virtual finish; no time stepping.
// Utilization is EdgeCloudSim's: Σ of the running tasks' per-app percentages. Admission compares a
// task's percentage with 100 − the utilization reserved by tasks bound to the VM (running or still
// uploading); EdgeCloudSim counts only running ones, see docs/edgecloudsim.md (divergences).
import { PRIORITY_COMPLETION, type SimContext } from "../../engine/context.ts";
import { Phase } from "../../engine/tasks.ts";
import type { ComputeModel } from "./types.ts";

export class ProcessorSharing implements ComputeModel {
  readonly utilPct: Float64Array;
  readonly freeMemMb: Float64Array;
  readonly boundTasks: Int32Array;
  /** Utilization held by bound tasks (uploading or running): what admission compares. */
  private readonly reservedPct: Float64Array;
  private readonly virtualTime: Float64Array;
  private readonly lastUpdateS: Float64Array;
  private readonly runningCores: Int32Array;
  private readonly head: Int32Array;
  private readonly appEdgePct: Float64Array;
  private readonly appCloudPct: Float64Array;
  private readonly appMemMb: Float64Array;
  private readonly appCores: Int32Array;

  constructor(private readonly ctx: SimContext, private readonly vmSlotBase: number) {
    const n = ctx.infra.vmCount;
    this.utilPct = new Float64Array(n);
    this.freeMemMb = Float64Array.from(ctx.infra.vmRamMb);
    this.boundTasks = new Int32Array(n);
    this.reservedPct = new Float64Array(n);
    this.virtualTime = new Float64Array(n);
    this.lastUpdateS = new Float64Array(n);
    this.runningCores = new Int32Array(n);
    this.head = new Int32Array(n).fill(-1);
    const apps = ctx.scenario.workload.apps;
    this.appEdgePct = Float64Array.from(apps, (a) => a.vmUtilizationPct.edge);
    this.appCloudPct = Float64Array.from(apps, (a) => a.vmUtilizationPct.cloud);
    this.appMemMb = Float64Array.from(apps, (a) => a.memoryMb);
    this.appCores = Int32Array.from(apps, (a) => a.requiredCores);
  }

  requiredUtilPct(task: number, vm: number): number {
    const app = this.ctx.tasks.cols.app[task]!;
    return this.ctx.infra.vmHost[vm]! < 0 ? this.appCloudPct[app]! : this.appEdgePct[app]!;
  }

  fits(task: number, vm: number): boolean {
    const app = this.ctx.tasks.cols.app[task]!;
    return (
      this.requiredUtilPct(task, vm) <= 100 - this.reservedPct[vm]! &&
      this.freeMemMb[vm]! >= this.appMemMb[app]! &&
      this.ctx.infra.vmCores[vm]! >= this.appCores[app]!
    );
  }

  loadFraction(vm: number): number {
    return Math.min(1, this.reservedPct[vm]! / 100);
  }

  bind(task: number, vm: number): void {
    const c = this.ctx.tasks.cols;
    c.vm[task] = vm;
    this.boundTasks[vm]!++;
    this.reservedPct[vm]! += this.requiredUtilPct(task, vm);
    this.freeMemMb[vm]! -= this.appMemMb[c.app[task]!]!;
  }

  unbind(task: number): void {
    const c = this.ctx.tasks.cols;
    const vm = c.vm[task]!;
    this.boundTasks[vm]!--;
    this.reservedPct[vm]! -= this.requiredUtilPct(task, vm);
    if (this.reservedPct[vm]! < 1e-9) this.reservedPct[vm] = 0;
    this.freeMemMb[vm]! += this.appMemMb[c.app[task]!]!;
  }

  submit(task: number): void {
    const ctx = this.ctx;
    const c = ctx.tasks.cols;
    const vm = c.vm[task]!;
    this.advance(vm);
    const r = this.appCores[c.app[task]!]!;
    c.phase[task] = Phase.Running;
    c.execStartS[task] = ctx.now;
    c.enqueuedS[task] = ctx.now;
    c.virtualFinish[task] = this.virtualTime[vm]! + c.lengthMi[task]! / r;
    c.prev[task] = -1;
    c.next[task] = this.head[vm]!;
    if (this.head[vm]! >= 0) c.prev[this.head[vm]!] = task;
    this.head[vm] = task;
    this.runningCores[vm]! += r;
    this.utilPct[vm]! += this.requiredUtilPct(task, vm);
    this.reschedule(vm);
  }

  estimateExecS(task: number, vm: number): number {
    const c = this.ctx.tasks.cols;
    const r = this.appCores[c.app[task]!]!;
    const cores = this.ctx.infra.vmCores[vm]!;
    const perCore = (cores * this.ctx.infra.vmMipsPerCore[vm]!) / Math.max(this.runningCores[vm]! + r, cores);
    return c.lengthMi[task]! / (r * perCore);
  }

  onTaskEvent(): void {
    // processor sharing schedules per VM, not per task.
  }

  onVmEvent(vm: number): void {
    const ctx = this.ctx;
    const c = ctx.tasks.cols;
    this.advance(vm);
    // The event was scheduled for the smallest virtual finish: that task is done; finish any other
    // task within rounding of the same instant too.
    let first = -1;
    let min = Infinity;
    for (let t = this.head[vm]!; t >= 0; t = c.next[t]!) {
      if (c.virtualFinish[t]! < min) {
        min = c.virtualFinish[t]!;
        first = t;
      }
    }
    if (first < 0) return;
    const v = Math.max(this.virtualTime[vm]!, min);
    const tolerance = 1e-9 * Math.max(1, Math.abs(v));
    let t = this.head[vm]!;
    while (t >= 0) {
      const next = c.next[t]!;
      if (t === first || c.virtualFinish[t]! <= v + tolerance) this.finish(vm, t);
      t = next;
    }
    this.virtualTime[vm] = v;
    this.reschedule(vm);
  }

  private finish(vm: number, task: number): void {
    const ctx = this.ctx;
    const c = ctx.tasks.cols;
    const prev = c.prev[task]!, next = c.next[task]!;
    if (prev >= 0) c.next[prev] = next;
    else this.head[vm] = next;
    if (next >= 0) c.prev[next] = prev;
    this.runningCores[vm]! -= this.appCores[c.app[task]!]!;
    this.utilPct[vm]! -= this.requiredUtilPct(task, vm);
    if (this.utilPct[vm]! < 1e-9) this.utilPct[vm] = 0;
    c.execS[task] = ctx.now - c.execStartS[task]!;
    this.unbind(task);
    ctx.execDone(task);
  }

  /** Per-task-core progress rate (MIPS) of the VM with its current tasks. */
  private rate(vm: number): number {
    const cores = this.ctx.infra.vmCores[vm]!;
    return (cores * this.ctx.infra.vmMipsPerCore[vm]!) / Math.max(this.runningCores[vm]!, cores);
  }

  private advance(vm: number): void {
    const now = this.ctx.now;
    if (this.runningCores[vm]! > 0) this.virtualTime[vm]! += this.rate(vm) * (now - this.lastUpdateS[vm]!);
    this.lastUpdateS[vm] = now;
  }

  private reschedule(vm: number): void {
    const ctx = this.ctx;
    const c = ctx.tasks.cols;
    const slot = this.vmSlotBase + vm;
    let min = Infinity;
    for (let t = this.head[vm]!; t >= 0; t = c.next[t]!) min = Math.min(min, c.virtualFinish[t]!);
    if (min === Infinity) {
      ctx.queue.cancel(slot);
      return;
    }
    const dt = Math.max(0, (min - this.virtualTime[vm]!) / this.rate(vm));
    ctx.queue.schedule(slot, ctx.now + dt, PRIORITY_COMPLETION);
  }
}
