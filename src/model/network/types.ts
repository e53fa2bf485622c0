// The contract of a network model: it carries a task's input to its VM and its result back,
// through the legs its world defines, and reports bandwidth and delay to policies.
export interface NetworkModel {
  /** Timer slots the model needs (bandwidth redraws, estimator refreshes), scheduled by `start`. */
  readonly timerCount: number;
  start(timerSlotBase: number): void;
  onTimer(index: number): void;
  /** Link slots (shared links); events of link i arrive as onLinkEvent(i). */
  readonly linkCount: number;
  onLinkEvent(link: number): void;
  /** A task arrived, before its decision (EdgeCloudSim: the orchestrator's MAN probe may load the estimator). */
  onArrival?(): void;
  /** Events of a task's own slot while it is uploading or downloading. */
  onTaskEvent(task: number): void;
  /** Start the upload of a bound task (tier and access point set); ends in uploadDone or fail. */
  startUpload(task: number): void;
  /** Start the download of an executed task; ends in downloadDone or fail. */
  startDownload(task: number): void;
  /** Estimated upload + download delay (s) of the task to a VM of `tier`, from access point `ap`, now. */
  estimateNetworkS(task: number, tier: number, ap: number): number;
  /** WAN bandwidth probe (Mbps) from access point `ap` (EdgeCloudSim's 128 KB dummy transfer). */
  wanBandwidthMbps(ap: number): number;
  /** MAN delay probe (s); 0 when the MAN is saturated. */
  manDelayS(): number;
  /** Bandwidth (Mbps) a new transfer to `tier` would get now. */
  tierBandwidthMbps(tier: number, ap: number): number;
}
