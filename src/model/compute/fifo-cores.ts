// fifo-cores: a VM runs at most `cores` cores' worth of tasks at full per-core speed; the others wait
// in the VM's first-come-first-served queue (the paper's T_queue). Admission is memory (C4): a task
// holds its R_req from the decision until it leaves the VM. A queued task whose deadline has
// already passed when a core frees is dropped (reason `deadline`) instead of wasting the core.
import { FAIL_DEADLINE, PRIORITY_COMPLETION, type SimContext } from "../../engine/context.ts";
import { Phase } from "../../engine/tasks.ts";
import type { ComputeModel } from "./types.ts";

export class FifoCores implements ComputeModel {
  readonly utilPct: Float64Array;
  readonly freeMemMb: Float64Array;
  readonly boundTasks: Int32Array;
  private readonly busyCores: Int32Array;
  private readonly boundCores: Int32Array;
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  /** MI bound to the VM but not yet running (uploading or queued): the backlog of estimates. */
  private readonly backlogMi: Float64Array;
  /** Σ cores × finish time over running tasks: gives their remaining work in O(1). */
  private readonly finishCoreSum: Float64Array;
  private readonly cores: Int32Array;
  private readonly mips: Float64Array;
  private readonly appMemMb: Float64Array;
  private readonly appCores: Int32Array;

  constructor(private readonly ctx: SimContext) {
    const n = ctx.infra.vmCount;
    this.utilPct = new Float64Array(n);
    this.freeMemMb = Float64Array.from(ctx.infra.vmRamMb);
    this.boundTasks = new Int32Array(n);
    this.busyCores = new Int32Array(n);
    this.boundCores = new Int32Array(n);
    this.head = new Int32Array(n).fill(-1);
    this.tail = new Int32Array(n).fill(-1);
    this.backlogMi = new Float64Array(n);
    this.finishCoreSum = new Float64Array(n);
    this.cores = ctx.infra.vmCores;
    this.mips = ctx.infra.vmMipsPerCore;
    const apps = ctx.scenario.workload.apps;
    this.appMemMb = Float64Array.from(apps, (a) => a.memoryMb);
    this.appCores = Int32Array.from(apps, (a) => a.requiredCores);
  }

  fits(task: number, vm: number): boolean {
    const app = this.ctx.tasks.cols.app[task]!;
    return this.freeMemMb[vm]! >= this.appMemMb[app]! && this.cores[vm]! >= this.appCores[app]!;
  }

  requiredUtilPct(task: number, vm: number): number {
    const c = this.ctx.tasks.cols;
    const capacity = this.cores[vm]! * this.mips[vm]!;
    return (100 * c.lengthMi[task]!) / (capacity * c.deadlineS[task]! - capacity * c.arrivalS[task]!);
  }

  loadFraction(vm: number): number {
    return Math.min(1, this.boundCores[vm]! / this.cores[vm]!);
  }

  bind(task: number, vm: number): void {
    const c = this.ctx.tasks.cols;
    const app = c.app[task]!;
    c.vm[task] = vm;
    this.boundTasks[vm]!++;
    this.boundCores[vm]! += this.appCores[app]!;
    this.freeMemMb[vm]! -= this.appMemMb[app]!;
    this.backlogMi[vm]! += c.lengthMi[task]!;
  }

  unbind(task: number): void {
    const c = this.ctx.tasks.cols;
    const vm = c.vm[task]!;
    const app = c.app[task]!;
    this.boundTasks[vm]!--;
    this.boundCores[vm]! -= this.appCores[app]!;
    this.freeMemMb[vm]! += this.appMemMb[app]!;
    if (c.phase[task] !== Phase.Running) this.backlogMi[vm]! -= c.lengthMi[task]!;
  }

  submit(task: number): void {
    const c = this.ctx.tasks.cols;
    const vm = c.vm[task]!;
    c.enqueuedS[task] = this.ctx.now;
    c.phase[task] = Phase.Queued;
    c.next[task] = -1;
    if (this.tail[vm]! >= 0) c.next[this.tail[vm]!] = task;
    else this.head[vm] = task;
    this.tail[vm] = task;
    this.dispatch(vm);
  }

  estimateExecS(task: number, vm: number): number {
    const c = this.ctx.tasks.cols;
    const r = this.appCores[c.app[task]!]!;
    const f = this.mips[vm]!;
    const exec = c.lengthMi[task]! / (r * f);
    const cores = this.cores[vm]!;
    if (this.boundCores[vm]! + r <= cores) return exec;
    // All cores taken: wait for the work ahead of us, spread over all cores.
    const runningMi = f * (this.finishCoreSum[vm]! - this.ctx.now * this.busyCores[vm]!);
    return (runningMi + this.backlogMi[vm]!) / (cores * f) + exec;
  }

  onVmEvent(): void {
    // fifo-cores schedules per task, not per VM.
  }

  onTaskEvent(task: number): void {
    const ctx = this.ctx;
    const c = ctx.tasks.cols;
    const vm = c.vm[task]!;
    const r = this.appCores[c.app[task]!]!;
    this.busyCores[vm]! -= r;
    this.finishCoreSum[vm]! -= r * (c.execStartS[task]! + c.execS[task]!);
    this.utilPct[vm] = (100 * this.busyCores[vm]!) / this.cores[vm]!;
    this.unbind(task);
    ctx.execDone(task);
    this.dispatch(vm);
  }

  /** Start queued tasks while cores are free (head of line first). */
  private dispatch(vm: number): void {
    const ctx = this.ctx;
    const c = ctx.tasks.cols;
    const now = ctx.now;
    for (;;) {
      const task = this.head[vm]!;
      if (task < 0) return;
      const r = this.appCores[c.app[task]!]!;
      const expired = now > c.deadlineS[task]!;
      if (!expired && this.busyCores[vm]! + r > this.cores[vm]!) return;
      this.head[vm] = c.next[task]!;
      if (this.head[vm]! < 0) this.tail[vm] = -1;
      c.queueS[task] = now - c.enqueuedS[task]!;
      if (expired) {
        this.unbind(task);
        ctx.fail(task, FAIL_DEADLINE);
        continue;
      }
      this.backlogMi[vm]! -= c.lengthMi[task]!;
      const exec = c.lengthMi[task]! / (r * this.mips[vm]!);
      c.phase[task] = Phase.Running;
      c.execStartS[task] = now;
      c.execS[task] = exec;
      this.busyCores[vm]! += r;
      this.finishCoreSum[vm]! += r * (now + exec);
      this.utilPct[vm] = (100 * this.busyCores[vm]!) / this.cores[vm]!;
      ctx.queue.schedule(ctx.taskSlotBase + task, now + exec, PRIORITY_COMPLETION);
    }
  }
}
