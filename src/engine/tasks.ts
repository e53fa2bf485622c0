// Tasks in flight as a struct of arrays with a free list: a finished task's row is reused, so
// memory follows the number of live tasks, not the number generated. Rows grow by doubling.

/** Where a task is in its life cycle (the `phase` column). */
export const Phase = {
  Free: 0,
  /** In the current batch or the overflow queue. */
  Waiting: 1,
  Uploading: 2,
  /** In a VM's FIFO queue. */
  Queued: 3,
  Running: 4,
  Downloading: 5,
} as const;

const F64_FIELDS = [
  "lengthMi", "uploadKb", "downloadKb", "arrivalS", "deadlineS", "assignedS", "uploadS", "downloadS",
  "enqueuedS", "queueS", "execStartS", "execS", "wlanS", "manS", "wanS", "linkS", "legStartS", "legDelayS",
  "virtualFinish", "remaining",
] as const;
const I32_FIELDS = ["device", "app", "vm", "tier", "accessPoint", "phase", "leg", "next", "prev", "counted"] as const;

type F64Field = (typeof F64_FIELDS)[number];
type I32Field = (typeof I32_FIELDS)[number];

export type TaskColumns = { [K in F64Field]: Float64Array } & { [K in I32Field]: Int32Array };

export class TaskTable {
  cols: TaskColumns;
  capacity: number;
  live = 0;
  private freeHead = -1;
  private used = 0;
  /** Called after the table grew, with the new capacity (the event queue adds slots). */
  onGrow: ((capacity: number) => void) | undefined;

  constructor(capacity = 1024) {
    this.capacity = capacity;
    this.cols = TaskTable.allocate(capacity);
  }

  private static allocate(n: number, from?: TaskColumns): TaskColumns {
    const cols = {} as Record<string, Float64Array | Int32Array>;
    for (const f of F64_FIELDS) {
      const a = new Float64Array(n);
      if (from) a.set(from[f]);
      cols[f] = a;
    }
    for (const f of I32_FIELDS) {
      const a = new Int32Array(n);
      if (from) a.set(from[f]);
      cols[f] = a;
    }
    return cols as TaskColumns;
  }

  /** A fresh row with every field zeroed (links -1). */
  allocate(): number {
    let id: number;
    if (this.freeHead >= 0) {
      id = this.freeHead;
      this.freeHead = this.cols.next[id]!;
    } else {
      if (this.used === this.capacity) {
        this.capacity *= 2;
        this.cols = TaskTable.allocate(this.capacity, this.cols);
        this.onGrow?.(this.capacity);
      }
      id = this.used++;
    }
    const c = this.cols;
    for (const f of F64_FIELDS) c[f][id] = 0;
    for (const f of I32_FIELDS) c[f][id] = 0;
    c.next[id] = -1;
    c.prev[id] = -1;
    c.vm[id] = -1;
    c.tier[id] = -1;
    this.live++;
    return id;
  }

  release(id: number): void {
    this.cols.phase[id] = Phase.Free;
    this.cols.next[id] = this.freeHead;
    this.freeHead = id;
    this.live--;
  }
}
