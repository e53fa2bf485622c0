// One replica: a scenario at one device count, one policy, one seed, run to the end. A replica is a
// value: build as many as you like in one worker; nothing is shared between them.
// The engine owns the clock, the event queue, the task table and the task life cycle
// (arrive → decide → upload → queue/execute → download → complete | fail); the model modules own
// everything else and call back through SimContext.
import { Compute } from "../model/compute/index.ts";
import type { ComputeModel } from "../model/compute/types.ts";
import { Mobility } from "../model/mobility.ts";
import { createNetwork } from "../model/network/index.ts";
import type { NetworkModel } from "../model/network/types.ts";
import { Workload } from "../model/workload.ts";
import type { Scenario } from "../scenario/schema.ts";
import type { Policy, SystemView } from "../policies/types.ts";
import {
  FAIL_CAPACITY, FAIL_DEADLINE, PRIORITY_ARRIVAL, PRIORITY_BATCH, PRIORITY_END, PRIORITY_TIMER, type SimContext,
} from "./context.ts";
import { buildInfrastructure, tierOf, type Infrastructure } from "./infrastructure.ts";
import { F, Metrics } from "./metrics.ts";
import { EventQueue } from "./queue.ts";
import { Phase, TaskTable } from "./tasks.ts";
import { createView } from "./view.ts";
import { deepCloneState } from "./fork.ts";
const SLOT_END = 0;
const SLOT_BATCH = 1;
const SLOT_UTIL = 2;
const SLOT_NETWORK_TIMERS = 3;
const MAX_NETWORK_TIMERS = 4;

export interface ReplicaConfig {
  devices: number;
  seed: number;
  durationS: number;
  warmupS: number;
}

export interface Counters {
  generated: number;
  completed: number;
  failed: number;
}

export class Simulation implements SimContext {
  readonly scenario: Readonly<Scenario>;
  readonly infra: Infrastructure;
  readonly tasks = new TaskTable(1024);
  readonly queue: EventQueue;
  readonly deviceCount: number;
  readonly taskSlotBase: number;
  readonly metrics: Metrics;
  readonly counters: Counters = { generated: 0, completed: 0, failed: 0 };
  readonly compute: ComputeModel;
  readonly network: NetworkModel;
  readonly mobility: Mobility;
  readonly workload: Workload;
  now = 0;
  /** Bumped whenever a VM gains or loses a task: lets "does anything fit?" be cached between changes. */
  stateEpoch = 0;
  private readonly arrivalSlotBase: number;
  private readonly moveSlotBase: number;
  private readonly vmSlotBase: number;
  private readonly linkSlotBase: number;
  private readonly batchIntervalS: number;
  private readonly overflowQueue: boolean;
  private pending: Int32Array<ArrayBuffer> = new Int32Array(256);
  private pendingCount = 0;
  private overflow: Int32Array<ArrayBuffer> = new Int32Array(256);
  private overflowCount = 0;
  private readonly fitsEpoch: Float64Array;
  private readonly fitsAnywhere: Uint8Array;
  private readonly maxMipsPerCore: number;
  private readonly appCores: Int32Array;
  private readonly appMaxDelayS: Float64Array;
  private readonly appMeans: Float64Array;
  private policy: Policy | undefined;
  private readonly assignFn = (task: number, vm: number): boolean => this.assign(task, vm);

  constructor(scenario: Readonly<Scenario>, readonly config: ReplicaConfig) {
    this.scenario = scenario;
    this.infra = buildInfrastructure(scenario);
    this.deviceCount = config.devices;
    const n = config.devices;
    this.arrivalSlotBase = SLOT_NETWORK_TIMERS + MAX_NETWORK_TIMERS;
    this.moveSlotBase = this.arrivalSlotBase + n;
    this.vmSlotBase = this.moveSlotBase + n;
    this.linkSlotBase = this.vmSlotBase + this.infra.vmCount;
    this.taskSlotBase = this.linkSlotBase + 2;
    this.queue = new EventQueue(this.taskSlotBase + this.tasks.capacity);
    this.tasks.onGrow = (capacity) => this.queue.ensureSlots(this.taskSlotBase + capacity);
    this.metrics = new Metrics(scenario);
    this.mobility = new Mobility(scenario, this.infra, n, config.seed);
    this.workload = new Workload(scenario, n, config.seed);
    this.compute = Compute[scenario.compute.model](this, this.vmSlotBase);
    this.network = createNetwork(this, config.seed, this.linkSlotBase);
    if (this.network.timerCount > MAX_NETWORK_TIMERS) throw new Error("network model needs too many timers");
    this.batchIntervalS = scenario.orchestration.batchIntervalS;
    this.overflowQueue = scenario.orchestration.overflowQueue;
    const apps = scenario.workload.apps;
    this.fitsEpoch = new Float64Array(apps.length).fill(-1);
    this.fitsAnywhere = new Uint8Array(apps.length);
    this.maxMipsPerCore = Math.max(...this.infra.vmMipsPerCore);
    this.appCores = Int32Array.from(apps, (a) => a.requiredCores);
    this.appMaxDelayS = Float64Array.from(apps, (a) => a.maxDelayS ?? Infinity);
    this.appMeans = Float64Array.from(apps.flatMap((a) => [a.lengthMi, a.uploadKb, a.downloadKb]));
  }

  accessPointAt(device: number, t: number): number {
    return this.mobility.at(device, t);
  }

  /** Run to the end with `policy`; returns when simulated time reaches durationS. */
  run(policy: Policy): void {
    this.policy = policy;
    const q = this.queue;
    const { durationS } = this.config;
    q.schedule(SLOT_END, durationS, PRIORITY_END);
    q.schedule(SLOT_UTIL, this.scenario.simulation.utilizationSampleIntervalS, PRIORITY_TIMER);
    if (this.batchIntervalS > 0) q.schedule(SLOT_BATCH, this.batchIntervalS, PRIORITY_BATCH);
    this.network.start(SLOT_NETWORK_TIMERS);
    for (let d = 0; d < this.deviceCount; d++) {
      const t = this.workload.nextArrivalS(d);
      if (t < durationS) q.schedule(this.arrivalSlotBase + d, t, PRIORITY_ARRIVAL);
      if (this.mobility.moves) q.schedule(this.moveSlotBase + d, this.mobility.nextMoveS[d]!, PRIORITY_TIMER);
    }
    for (;;) {
      const slot = q.peek();
      if (slot < 0) break;
      this.now = q.time[slot]!;
      q.pop();
      if (slot === SLOT_END) break;
      this.dispatch(slot);
    }
  }

  private dispatch(slot: number): void {
    if (slot >= this.taskSlotBase) {
      const task = slot - this.taskSlotBase;
      const phase = this.tasks.cols.phase[task];
      if (phase === Phase.Running) this.compute.onTaskEvent(task);
      else this.network.onTaskEvent(task);
    } else if (slot >= this.linkSlotBase) this.network.onLinkEvent(slot - this.linkSlotBase);
    else if (slot >= this.vmSlotBase) this.compute.onVmEvent(slot - this.vmSlotBase);
    else if (slot >= this.moveSlotBase) {
      const d = slot - this.moveSlotBase;
      this.mobility.move(d, this.now);
      this.queue.schedule(slot, this.mobility.nextMoveS[d]!, PRIORITY_TIMER);
    } else if (slot >= this.arrivalSlotBase) this.arrive(slot - this.arrivalSlotBase);
    else if (slot === SLOT_BATCH) this.decideBatch();
    else if (slot === SLOT_UTIL) this.sampleUtilization();
    else this.network.onTimer(slot - SLOT_NETWORK_TIMERS);
  }

  private arrive(d: number): void {
    const now = this.now;
    const app = this.workload.deviceApp[d]!;
    const task = this.tasks.allocate();
    const c = this.tasks.cols;
    c.device[task] = d;
    c.app[task] = app;
    c.lengthMi[task] = this.workload.size(d, this.appMeans[3 * app]!);
    c.uploadKb[task] = this.workload.size(d, this.appMeans[3 * app + 1]!);
    c.downloadKb[task] = this.workload.size(d, this.appMeans[3 * app + 2]!);
    c.arrivalS[task] = now;
    c.deadlineS[task] = now + this.appMaxDelayS[app]!;
    c.phase[task] = Phase.Waiting;
    c.counted[task] = now >= this.config.warmupS ? 1 : 0;
    this.counters.generated++;
    this.network.onArrival?.();
    const next = this.workload.nextArrivalS(d);
    if (next < this.config.durationS) this.queue.schedule(this.arrivalSlotBase + d, next, PRIORITY_ARRIVAL);
    if (this.batchIntervalS > 0) {
      if (this.pendingCount === this.pending.length) this.pending = grow(this.pending);
      this.pending[this.pendingCount++] = task;
      return;
    }
    const vm = this.policy!.decide(task, this.view());
    if (vm < 0 || !this.assign(task, vm)) this.rejectAtSubmission(task, FAIL_CAPACITY);
  }

  /** Decide the tasks of the last interval plus the overflow queue (oldest first). */
  private decideBatch(): void {
    const c = this.tasks.cols;
    const now = this.now;
    let list = this.overflow;
    let n = 0;
    // Compact the overflow and append the new arrivals; drop tasks that cannot make their deadline
    // even on the fastest idle core, and hold back tasks no VM could admit (no policy could place them).
    const candidates = new Int32Array(this.overflowCount + this.pendingCount);
    let k = 0;
    for (let i = 0; i < this.overflowCount; i++) candidates[k++] = this.overflow[i]!;
    for (let i = 0; i < this.pendingCount; i++) candidates[k++] = this.pending[i]!;
    this.pendingCount = 0;
    this.overflowCount = 0;
    const decide = new Int32Array(k);
    let held = 0;
    for (let i = 0; i < k; i++) {
      const task = candidates[i]!;
      const app = c.app[task]!;
      const fastest = c.lengthMi[task]! / (this.appCores[app]! * this.maxMipsPerCore);
      if (now + fastest > c.deadlineS[task]!) {
        this.fail(task, FAIL_DEADLINE);
        continue;
      }
      if (!this.anyVmFits(task)) {
        candidates[held++] = task; // reuse the prefix of `candidates` for held tasks
        continue;
      }
      decide[n++] = task;
    }
    const view = this.view();
    const policy = this.policy!;
    if (policy.decideBatch) policy.decideBatch(decide, n, view, this.assignFn);
    else {
      for (let i = 0; i < n; i++) {
        const task = decide[i]!;
        if (!this.anyVmFits(task)) continue;
        const vm = policy.decide(task, view);
        if (vm >= 0) this.assign(task, vm);
      }
    }
    // Whatever is still waiting goes to the overflow queue (or fails when there is none).
    list = this.overflow;
    const keep = (task: number) => {
      if (c.phase[task] !== Phase.Waiting) return;
      if (!this.overflowQueue) {
        this.fail(task, FAIL_CAPACITY);
        return;
      }
      if (this.overflowCount === list.length) list = this.overflow = grow(list);
      list[this.overflowCount++] = task;
    };
    for (let i = 0; i < held; i++) keep(candidates[i]!);
    for (let i = 0; i < n; i++) keep(decide[i]!);
    this.queue.schedule(SLOT_BATCH, now + this.batchIntervalS, PRIORITY_BATCH);
  }

  /** Could any VM admit this task now? Cached per app until a VM gains or loses a task. */
  private anyVmFits(task: number): boolean {
    const app = this.tasks.cols.app[task]!;
    if (this.fitsEpoch[app] === this.stateEpoch) return this.fitsAnywhere[app] === 1;
    let ok = 0;
    for (let vm = 0; vm < this.infra.vmCount && ok === 0; vm++) if (this.compute.fits(task, vm)) ok = 1;
    this.fitsEpoch[app] = this.stateEpoch;
    this.fitsAnywhere[app] = ok;
    return ok === 1;
  }

  /** Apply one decision: bind the task to the VM and start its upload. False when the VM refuses. */
  assign(task: number, vm: number): boolean {
    const c = this.tasks.cols;
    if (!(vm >= 0 && vm < this.infra.vmCount) || c.phase[task] !== Phase.Waiting) return false;
    if (!this.compute.fits(task, vm)) return false;
    const ap = this.mobility.accessPoint[c.device[task]!]!;
    c.accessPoint[task] = ap;
    c.tier[task] = tierOf(this.infra, vm, ap);
    c.assignedS[task] = this.now;
    this.compute.bind(task, vm);
    this.stateEpoch++;
    if (c.counted[task]) this.metrics.rows[this.metrics.row(c.app[task]!, c.tier[task]!) + F.decisions]!++;
    this.network.startUpload(task);
    return true;
  }

  uploadDone(task: number): void {
    this.compute.submit(task);
  }

  execDone(task: number): void {
    this.stateEpoch++;
    this.network.startDownload(task);
  }

  downloadDone(task: number): void {
    const c = this.tasks.cols;
    if (this.now > c.deadlineS[task]!) {
      this.fail(task, FAIL_DEADLINE);
      return;
    }
    this.counters.completed++;
    if (c.counted[task]) this.metrics.recordCompletion(c, task, this.now);
    this.release(task);
  }

  rejectAtSubmission(task: number, reason: number): void {
    if (this.scenario.simulation.countWarmupRejections) this.tasks.cols.counted[task] = 1;
    this.fail(task, reason);
  }

  fail(task: number, reason: number): void {
    const c = this.tasks.cols;
    if (c.phase[task] === Phase.Uploading) {
      this.compute.unbind(task);
      this.stateEpoch++;
    } else if (c.phase[task] === Phase.Queued) {
      // fifo-cores dropped an expired queued task and has just released its memory: without this
      // bump anyVmFits kept a stale "nothing fits" (the cache changed results).
      this.stateEpoch++;
    }
    this.counters.failed++;
    if (c.counted[task]) this.metrics.rows[this.metrics.row(c.app[task]!, c.tier[task]!) + F.failed0 + reason]!++;
    this.release(task);
  }

  private release(task: number): void {
    this.queue.cancel(this.taskSlotBase + task);
    this.tasks.release(task);
  }

  private sampleUtilization(): void {
    const interval = this.scenario.simulation.utilizationSampleIntervalS;
    // after-warmup: samples in [warm-up, end]; whole-run: EdgeCloudSim's, from the first interval to
    // before the end (its stop event runs before a sample due at the same time).
    const whole = this.scenario.simulation.utilizationWindow === "whole-run";
    if (whole ? this.now < this.config.durationS : this.now >= this.config.warmupS) {
      const util = this.compute.utilPct;
      const cloudStart = this.infra.cloudVmStart;
      let edge = 0, cloud = 0;
      for (let vm = 0; vm < this.infra.vmCount; vm++) {
        const u = util[vm]!;
        if (vm < cloudStart) edge += u;
        else cloud += u;
        if (u > this.metrics.maxUtilPct) this.metrics.maxUtilPct = u;
        if (u < this.metrics.minUtilPct) this.metrics.minUtilPct = u;
      }
      const m = this.metrics;
      m.utilSamples++;
      m.utilEdgeSum += cloudStart > 0 ? edge / cloudStart : 0;
      m.utilCloudSum += this.infra.vmCount > cloudStart ? cloud / (this.infra.vmCount - cloudStart) : 0;
    }
    this.queue.schedule(SLOT_UTIL, this.now + interval, PRIORITY_TIMER);
  }

  // ---- What-if forks (src/nn/dataset.ts labels training data with simulated outcomes). Ordinary
  // runs never call these.

  /**
   * A deep copy of the whole mutable state (clock, event queue, task table, models, RNG streams)
   * that runs on its own from here; `policy` decides in the fork (batches, or per task).
   */
  fork(policy: Policy): Simulation {
    const ownPolicy = this.policy;
    const ownView = this.viewCache;
    this.policy = undefined;
    this.viewCache = undefined;
    let copy: Simulation;
    try {
      copy = deepCloneState<Simulation>(this, [this.scenario, this.infra, this.config]);
    } finally {
      this.policy = ownPolicy;
      this.viewCache = ownView;
    }
    const w = copy as unknown as { policy: Policy; assignFn: (t: number, v: number) => boolean };
    w.policy = policy;
    w.assignFn = (task, vm) => copy.assign(task, vm);
    copy.tasks.onGrow = (capacity) => copy.queue.ensureSlots(copy.taskSlotBase + capacity);
    return copy;
  }

  /**
   * Freeze the world of a fork: no more arrivals, device moves or batch decisions, and tasks
   * waiting for a VM (this batch, the overflow queue) are forgotten. Tasks already bound to a VM
   * go on to their end.
   */
  freeze(): void {
    const q = this.queue;
    for (let d = 0; d < this.deviceCount; d++) {
      q.cancel(this.arrivalSlotBase + d);
      q.cancel(this.moveSlotBase + d);
    }
    q.cancel(SLOT_BATCH);
    this.pendingCount = 0;
    this.overflowCount = 0;
  }

  /** Process events in order while the next one is not later than `untilS` (nor the end) and `done()` is false. */
  advanceUntil(untilS: number, done: () => boolean): void {
    const q = this.queue;
    for (;;) {
      const slot = q.peek();
      if (slot < 0 || slot === SLOT_END || q.time[slot]! > untilS) break;
      this.now = q.time[slot]!;
      q.pop();
      this.dispatch(slot);
      if (done()) break;
    }
  }

  private viewCache: SystemView | undefined;
  /** The read-only system view policies decide over (one per replica, live). */
  view(): SystemView {
    this.viewCache ??= createView(this);
    return this.viewCache;
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

