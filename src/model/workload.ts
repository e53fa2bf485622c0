// Task generation. Each device runs one app for the whole run (chosen by share) and schedules only
// its next task (lazy arrivals). Every draw comes from the device's own streams, so the tasks are
// the same whatever the policy does (common random numbers).
import { StreamSet } from "../engine/rng.ts";
import type { App, Scenario } from "../scenario/schema.ts";

export class Workload {
  readonly deviceApp: Int32Array;
  /** idle-active-poisson: start of the device's current active period. */
  private readonly activeStartS: Float64Array;
  private readonly lastArrivalS: Float64Array;
  private readonly arrivals: StreamSet;
  private readonly sizes: StreamSet;
  private readonly apps: readonly App[];
  private readonly fixed: boolean;
  private readonly integer: boolean;

  constructor(scenario: Readonly<Scenario>, devices: number, seed: number) {
    this.apps = scenario.workload.apps;
    this.fixed = scenario.workload.sizeDistribution === "fixed";
    this.integer = scenario.workload.integerSizes;
    this.arrivals = new StreamSet(seed, "arrivals", devices);
    this.sizes = new StreamSet(seed, "sizes", devices);
    this.deviceApp = new Int32Array(devices);
    this.activeStartS = new Float64Array(devices);
    this.lastArrivalS = new Float64Array(devices);
    const start = scenario.workload.startS;
    for (let d = 0; d < devices; d++) {
      // EdgeCloudSim: u ~ U[0, 100), the first app whose running share sum exceeds u.
      const u = this.arrivals.uniform(d) * 100;
      let sum = 0;
      let chosen = this.apps.length - 1;
      for (let a = 0; a < this.apps.length; a++) {
        sum += this.apps[a]!.sharePct;
        if (u < sum) {
          chosen = a;
          break;
        }
      }
      this.deviceApp[d] = chosen;
      const arrival = this.apps[chosen]!.arrival;
      if (arrival.model === "idle-active-poisson") {
        const s = start + this.arrivals.uniform(d) * arrival.activePeriodS;
        this.activeStartS[d] = s;
        this.lastArrivalS[d] = s;
      } else {
        this.lastArrivalS[d] = start;
      }
    }
  }

  /** Time of device d's next task after its previous one. */
  nextArrivalS(d: number): number {
    const arrival = this.apps[this.deviceApp[d]!]!.arrival;
    let t = this.lastArrivalS[d]!;
    if (arrival.model === "uniform-interval") {
      t += this.arrivals.between(d, arrival.minIntervalS, arrival.maxIntervalS);
    } else {
      // EdgeCloudSim IdleActiveLoadGenerator: an exponential gap; a gap that overshoots the active
      // period sends the device idle for a fixed time and is not a task.
      let s = this.activeStartS[d]!;
      for (;;) {
        t += this.arrivals.exponential(d, arrival.meanInterarrivalS);
        if (t > s + arrival.activePeriodS) {
          s += arrival.activePeriodS + arrival.idlePeriodS;
          t = s;
          continue;
        }
        break;
      }
      this.activeStartS[d] = s;
    }
    this.lastArrivalS[d] = t;
    return t;
  }

  /** Draw one size attribute of a task of device d around `mean`. */
  size(d: number, mean: number): number {
    const x = this.fixed ? mean : this.sizes.exponential(d, mean);
    return this.integer ? Math.floor(x) : x;
  }
}
