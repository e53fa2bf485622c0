// The event slots of a replica (one pending event per slot, kernel/queue.ts): the fixed timers
// first, then per device (arrival, move), per VM, per shared link and per task (taskSlotBase).
export const SLOT_END: i32 = 0;
export const SLOT_BATCH: i32 = 1;
export const SLOT_UTIL: i32 = 2;
export const SLOT_NETWORK_TIMERS: i32 = 3;
export const MAX_NETWORK_TIMERS: i32 = 4;
