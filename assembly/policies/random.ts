// random (src/policies/random.ts): a uniformly random tier among those with VMs, then a uniformly
// random VM of it; the policy's own random stream ("policy:random").
import { getI32 } from "../kernel/mem";
import { integer, streamsCreate } from "../kernel/rng";
import {
  TIER_CLOUD, TIER_LOCAL_EDGE, TIER_REMOTE_EDGE, cloudVmStart, hostVmEnd, hostVmStart, seed, vmCount,
} from "../kernel/state";
import { fits } from "../model/compute/index";
import { localHost } from "../decision/view";

let rng: usize = 0;

export function randomInit(): void {
  rng = streamsCreate(seed, "policy:random", 1);
}

export function decideRandom(task: i32): i32 {
  const local = localHost(task);
  const localCount = local >= 0 ? getI32(hostVmEnd, local) - getI32(hostVmStart, local) : 0;
  const remoteCount = cloudVmStart - localCount;
  const cloudCount = vmCount - cloudVmStart;
  let tiers = 0;
  if (localCount > 0) tiers++;
  if (remoteCount > 0) tiers++;
  if (cloudCount > 0) tiers++;
  let pick = integer(rng, 0, tiers);
  let tier = TIER_LOCAL_EDGE;
  if (localCount > 0) {
    if (pick == 0) tier = TIER_LOCAL_EDGE;
    pick--;
  }
  if (pick >= 0 && remoteCount > 0) {
    if (pick == 0) tier = TIER_REMOTE_EDGE;
    pick--;
  }
  if (pick >= 0 && cloudCount > 0) {
    if (pick == 0) tier = TIER_CLOUD;
  }
  let vm: i32;
  if (tier == TIER_LOCAL_EDGE) {
    vm = getI32(hostVmStart, local) + integer(rng, 0, localCount);
  } else if (tier == TIER_REMOTE_EDGE) {
    const k = integer(rng, 0, remoteCount);
    vm = local >= 0 && k >= getI32(hostVmStart, local) ? k + localCount : k;
  } else {
    vm = cloudVmStart + integer(rng, 0, cloudCount);
  }
  return fits(task, vm) ? vm : -1;
}
