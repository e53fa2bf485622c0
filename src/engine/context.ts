// What the model modules (compute, network, mobility, workload) share with the engine: the clock,
// the event queue, the task table and the engine's life-cycle callbacks. Models never reach into
// each other; the engine wires them together.
import type { Scenario } from "../scenario/schema.ts";
import type { Infrastructure } from "./infrastructure.ts";
import type { EventQueue } from "./queue.ts";
import type { TaskTable } from "./tasks.ts";

export const FAIL_CAPACITY = 0;
export const FAIL_NETWORK = 1;
export const FAIL_MOBILITY = 2;
export const FAIL_DEADLINE = 3;
export const FAILURE_REASONS = ["capacity", "network", "mobility", "deadline"] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** Same-time events: completions free resources before timers, arrivals and batch decisions see them. */
export const PRIORITY_COMPLETION = 0;
export const PRIORITY_TIMER = 1;
export const PRIORITY_ARRIVAL = 2;
export const PRIORITY_BATCH = 3;
export const PRIORITY_END = 9;

export interface SimContext {
  readonly scenario: Readonly<Scenario>;
  readonly infra: Infrastructure;
  readonly tasks: TaskTable;
  readonly queue: EventQueue;
  readonly deviceCount: number;
  /** Event slot of task t is taskSlotBase + t. */
  readonly taskSlotBase: number;
  /** Current simulated time (s). */
  readonly now: number;
  /** Access point of a device at time t ≥ now (mobility decides). */
  accessPointAt(device: number, t: number): number;
  uploadDone(task: number): void;
  execDone(task: number): void;
  downloadDone(task: number): void;
  fail(task: number, reason: number): void;
  /** A failure as the task is submitted (no VM, or no bandwidth for its first upload leg): see simulation.countWarmupRejections. */
  rejectAtSubmission(task: number, reason: number): void;
}
