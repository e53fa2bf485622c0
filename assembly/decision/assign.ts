// Applying one decision: bind the task to the VM and start its upload. Above the models (it drives
// compute and network) and below the policies and the loop, which both assign (the neural-network
// policy assigns as it decides a batch).
import { getI32, setF64, setI32 } from "../kernel/mem";
import * as S from "../kernel/state";
import { PHASE_WAITING, tierOf, vmCount } from "../kernel/state";
import { resetTaskTimes, tAccessPoint, tApp, tAssignedS, tCounted, tDevice, tPhase, tTier } from "../kernel/tasks";
import { F_DECISIONS, metricAdd, metricRow } from "../kernel/metrics";
import { deviceAccessPoint } from "../model/mobility";
import * as compute from "../model/compute/index";
import { startUpload } from "../model/network/index";

/** Bind the task to the VM and start its upload. False when the VM refuses (or the task is not waiting). */
export function assign(task: i32, vm: i32): bool {
  if (!(vm >= 0 && vm < vmCount) || getI32(tPhase, task) != PHASE_WAITING) return false;
  if (!compute.fits(task, vm)) return false;
  resetTaskTimes(task);
  const ap = getI32(deviceAccessPoint, getI32(tDevice, task));
  setI32(tAccessPoint, task, ap);
  const tier = tierOf(vm, ap);
  setI32(tTier, task, tier);
  setF64(tAssignedS, task, S.now);
  compute.bind(task, vm);
  S.stateEpoch++;
  if (getI32(tCounted, task) != 0) metricAdd(metricRow(getI32(tApp, task), tier) + F_DECISIONS, 1);
  startUpload(task);
  return true;
}
