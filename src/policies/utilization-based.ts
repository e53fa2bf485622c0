// utilization-based: EdgeCloudSim sample_app2/app4 UTILIZATION_BASED (docs/baselines.md §3).
// Input: the mean utilization of all edge VMs. > 80 % → the least-loaded admitting cloud VM;
// otherwise GENERIC_EDGE: the least-loaded admitting VM over all edge hosts (possibly a remote one,
// reached over the MAN). No VM admits → -1 (EdgeCloudSim: rejected due to VM capacity).
// In the paper world the utilization is busy cores / cores (docs/paper-model.md §2).
import { z } from "zod";
import { definePolicy } from "./descriptor.ts";
import { NATIVE_POLICY_IDS } from "./native-ids.ts";

export const utilizationBasedPolicy = definePolicy({
  name: "utilization-based",
  description: "EdgeCloudSim UTILIZATION_BASED: cloud if mean edge VM utilization > thresholdPct, else the least-loaded edge VM.",
  family: "baseline",
  colour: "#009E73",
  marker: "cross",
  options: z.strictObject({
    thresholdPct: z.number().min(0).max(100).default(80)
      .meta({ description: "mean edge VM utilization (%) above which tasks go to the cloud (EdgeCloudSim: 80)", examples: [70] }),
  }),
  counters: [],
  native: { id: NATIVE_POLICY_IDS["utilization-based"], encode: (options) => [options.thresholdPct] },
});

