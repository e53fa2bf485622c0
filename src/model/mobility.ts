// Where devices are. Static: attached to one access point for the whole run. Nomadic (EdgeCloudSim
// NomadicMobility): dwell ~ Exp(mean of the place's attractiveness), then a uniformly random other
// place. Lazy: each device keeps only its current place and its next move (time and place drawn
// ahead), so "where will it be at t" is answerable without precomputing trajectories.
import type { Infrastructure } from "../engine/infrastructure.ts";
import { StreamSet } from "../engine/rng.ts";
import type { Scenario } from "../scenario/schema.ts";

export class Mobility {
  readonly accessPoint: Int32Array;
  readonly nextMoveS: Float64Array;
  readonly nextAccessPoint: Int32Array;
  private readonly rng: StreamSet;
  private readonly dwellMeans: readonly number[] | undefined;
  private readonly infra: Infrastructure;

  constructor(scenario: Readonly<Scenario>, infra: Infrastructure, devices: number, seed: number) {
    this.infra = infra;
    this.rng = new StreamSet(seed, "mobility", devices);
    this.accessPoint = new Int32Array(devices);
    this.nextMoveS = new Float64Array(devices).fill(Infinity);
    this.nextAccessPoint = new Int32Array(devices);
    this.dwellMeans = scenario.mobility.model === "nomadic" ? scenario.mobility.meanDwellByAttractivenessS : undefined;
    const start = scenario.workload.startS;
    for (let d = 0; d < devices; d++) {
      const host = this.rng.integer(d, infra.hostCount);
      this.accessPoint[d] = infra.hostAccessPoint[host]!;
      this.nextAccessPoint[d] = this.accessPoint[d]!;
      if (this.dwellMeans) this.planMove(d, start);
    }
  }

  get moves(): boolean {
    return this.dwellMeans !== undefined;
  }

  /** Access point of device d at time t (t not before the current time). */
  at(d: number, t: number): number {
    return t < this.nextMoveS[d]! ? this.accessPoint[d]! : this.nextAccessPoint[d]!;
  }

  /** The move of device d happens now: take the planned place and plan the next move. */
  move(d: number, now: number): void {
    this.accessPoint[d] = this.nextAccessPoint[d]!;
    this.planMove(d, now);
  }

  private planMove(d: number, now: number): void {
    const infra = this.infra;
    const host = infra.accessPointHost[this.accessPoint[d]!]!;
    const mean = this.dwellMeans![infra.hostAttractiveness[host]!]!;
    this.nextMoveS[d] = now + this.rng.exponential(d, mean);
    // A uniformly random *other* place.
    let other = this.rng.integer(d, infra.hostCount - 1);
    if (other >= host) other++;
    this.nextAccessPoint[d] = infra.hostAccessPoint[other]!;
  }
}
