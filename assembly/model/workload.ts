// Task generation: each device runs one app for the whole run (chosen by
// share) and schedules only its next task; every draw comes from the device's own streams.
import { allocF64, allocI32, getF64, getI32, setF64, setI32 } from "../kernel/mem";
import { exponential, streamsCreate, uniform, between } from "../kernel/rng";
import {
  ARRIVAL_IDLE_ACTIVE, ARRIVAL_UNIFORM, appArrival, appCount, appP1, appP2, appP3, appShare, devices, integerSizes,
  seed, sizeFixed, startS,
} from "../kernel/state";

export let deviceApp: usize = 0; // i32 per device
let activeStartS: usize = 0;
let lastArrivalS: usize = 0;
let arrivals: usize = 0;
let sizes: usize = 0;

export function workloadInit(): void {
  const n = devices;
  arrivals = streamsCreate(seed, "arrivals", n);
  sizes = streamsCreate(seed, "sizes", n);
  deviceApp = allocI32(n);
  activeStartS = allocF64(n);
  lastArrivalS = allocF64(n);
  for (let d = 0; d < n; d++) {
    // EdgeCloudSim: u ~ U[0, 100), the first app whose running share sum exceeds u.
    const u = uniform(arrivals, d) * 100;
    let sum: f64 = 0;
    let chosen = appCount - 1;
    for (let a = 0; a < appCount; a++) {
      sum += getF64(appShare, a);
      if (u < sum) {
        chosen = a;
        break;
      }
    }
    setI32(deviceApp, d, chosen);
    if (getI32(appArrival, chosen) == ARRIVAL_IDLE_ACTIVE) {
      const s = startS + uniform(arrivals, d) * getF64(appP2, chosen);
      setF64(activeStartS, d, s);
      setF64(lastArrivalS, d, s);
    } else {
      setF64(lastArrivalS, d, startS);
    }
  }
}

/** Time of device d's next task after its previous one. */
// @ts-ignore: decorator
@inline export function nextArrivalS(d: i32): f64 {
  const app = getI32(deviceApp, d);
  let t = getF64(lastArrivalS, d);
  if (getI32(appArrival, app) == ARRIVAL_UNIFORM) {
    t += between(arrivals, d, getF64(appP1, app), getF64(appP2, app));
  } else {
    // EdgeCloudSim IdleActiveLoadGenerator: a gap that overshoots the active period sends the
    // device idle for a fixed time and is not a task.
    const mean = getF64(appP1, app), active = getF64(appP2, app), idle = getF64(appP3, app);
    // (Written without `continue`: AssemblyScript 0.28 drops the statement after a
    // `for (;;) { if (c) { ...; continue; } break; }` loop inside an else branch.)
    let s = getF64(activeStartS, d);
    for (;;) {
      t += exponential(arrivals, d, mean);
      if (!(t > s + active)) break;
      s += active + idle;
      t = s;
    }
    setF64(activeStartS, d, s);
  }
  setF64(lastArrivalS, d, t);
  return t;
}

/** Draw one size attribute of a task of device d around `mean`. */
// @ts-ignore: decorator
@inline export function drawSize(d: i32, mean: f64): f64 {
  const x = sizeFixed ? mean : exponential(sizes, d, mean);
  return integerSizes ? Math.floor(x) : x;
}

/** Tests: [app, last arrival, active-period start] of device d into out (f64[3]). */
export function workloadState(d: i32, out: usize): void {
  setF64(out, 0, <f64>getI32(deviceApp, d));
  setF64(out, 1, getF64(lastArrivalS, d));
  setF64(out, 2, getF64(activeStartS, d));
}
