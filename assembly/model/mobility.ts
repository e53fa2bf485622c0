// Where devices are. Static: one access point for the whole run. Nomadic
// (EdgeCloudSim NomadicMobility): dwell ~ Exp(mean of the place's attractiveness), then a uniformly
// random other place, drawn one move ahead.
import { allocF64, allocI32, fillF64, getF64, getI32, setF64, setI32 } from "../kernel/mem";
import { exponential, integer, streamsCreate } from "../kernel/rng";
import {
  MOBILITY_NOMADIC, accessPointHost, devices, dwellMeans, hostAccessPoint, hostAttractiveness, hostCount,
  mobilityModel, seed, startS,
} from "../kernel/state";

export let deviceAccessPoint: usize = 0; // i32 per device
export let nextMoveS: usize = 0; // f64 per device, Infinity when static
let nextAccessPoint: usize = 0; // i32 per device
let rng: usize = 0;
export let moves: bool = false;

export function mobilityInit(): void {
  const n = devices;
  rng = streamsCreate(seed, "mobility", n);
  deviceAccessPoint = allocI32(n);
  nextMoveS = allocF64(n);
  fillF64(nextMoveS, n, Infinity);
  nextAccessPoint = allocI32(n);
  moves = mobilityModel == MOBILITY_NOMADIC;
  for (let d = 0; d < n; d++) {
    const host = integer(rng, d, hostCount);
    const ap = getI32(hostAccessPoint, host);
    setI32(deviceAccessPoint, d, ap);
    setI32(nextAccessPoint, d, ap);
    if (moves) planMove(d, startS);
  }
}

/** Access point of device d at time t (t not before the current time). */
// @ts-ignore: decorator
@inline export function accessPointAt(d: i32, t: f64): i32 {
  return t < getF64(nextMoveS, d) ? getI32(deviceAccessPoint, d) : getI32(nextAccessPoint, d);
}

/** The move of device d happens now: take the planned place and plan the next move. */
export function move(d: i32, now: f64): void {
  setI32(deviceAccessPoint, d, getI32(nextAccessPoint, d));
  planMove(d, now);
}

function planMove(d: i32, now: f64): void {
  const host = getI32(accessPointHost, getI32(deviceAccessPoint, d));
  const mean = getF64(dwellMeans, getI32(hostAttractiveness, host));
  setF64(nextMoveS, d, now + exponential(rng, d, mean));
  // A uniformly random *other* place.
  let other = integer(rng, d, hostCount - 1);
  if (other >= host) other++;
  setI32(nextAccessPoint, d, getI32(hostAccessPoint, other));
}
