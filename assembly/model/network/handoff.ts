// Where a transfer's end leads: the network models sit above the compute model, so an upload that
// ends hands its task to the VM directly, and a task failed mid-upload gives its VM back before the
// life cycle ends it (model/lifecycle.ts fail expects that). Downloads end in lifecycle.downloadDone.
import { getI32 } from "../../kernel/mem";
import { PHASE_UPLOADING } from "../../kernel/state";
import { tPhase } from "../../kernel/tasks";
import { submit, unbind } from "../compute/index";
import { fail, rejectAtSubmission } from "../lifecycle";

/** The upload ended: the task joins its VM's compute model. */
// @ts-ignore: decorator
@inline export function uploadDone(task: i32): void {
  submit(task);
}

/** The first upload leg found no bandwidth: a rejection at submission (model/lifecycle.ts). */
export function rejectTransfer(task: i32, reason: i32): void {
  if (getI32(tPhase, task) == PHASE_UPLOADING) unbind(task);
  rejectAtSubmission(task, reason);
}

/** The transfer failed (no capacity, no bandwidth, or the device moved away). */
export function failTransfer(task: i32, reason: i32): void {
  if (getI32(tPhase, task) == PHASE_UPLOADING) unbind(task);
  fail(task, reason);
}
