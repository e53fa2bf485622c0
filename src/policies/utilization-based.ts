// utilization-based: EdgeCloudSim sample_app2/app4 UTILIZATION_BASED (docs/baselines.md §3).
// Input: the mean utilization of all edge VMs. > 80 % → the least-loaded admitting cloud VM;
// otherwise GENERIC_EDGE: the least-loaded admitting VM over all edge hosts (possibly a remote one,
// reached over the MAN). No VM admits → -1 (EdgeCloudSim: rejected due to VM capacity).
// In the paper world the utilization is busy cores / cores (docs/paper-model.md §2).
import { worstFitAllEdge, worstFitCloud } from "./vm-choice.ts";
import type { PolicyFactory } from "./types.ts";

export const utilizationBasedPolicy: PolicyFactory = {
  name: "utilization-based",
  description: "EdgeCloudSim UTILIZATION_BASED: cloud if mean edge VM utilization > 80 %, else the least-loaded edge VM.",
  create({ options }) {
    const thresholdPct = typeof options.thresholdPct === "number" ? options.thresholdPct : 80;
    return {
      name: "utilization-based",
      decide(task, view) {
        return view.meanEdgeUtilPct() > thresholdPct ? worstFitCloud(view, task) : worstFitAllEdge(view, task);
      },
    };
  },
};
