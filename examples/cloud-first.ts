// A user's own offloading policy, as a module mecbench loads:
//   mecbench run   --policy-module examples/cloud-first.ts --policy cloud-first --scenario paper --devices 400
//   mecbench sweep --policy-module examples/cloud-first.ts --policies cloud-first,utilization-based --scenario paper
//   mecbench report <the sweep's --out> --policy-module examples/cloud-first.ts
// Every exported policy descriptor (a name, a description and `create`) is registered; a sweep's
// worker threads import this file themselves, and its content hash is part of the sweep hash.
import { type PolicyFactory, worstFitCloud } from "mecbench";

export const cloudFirst: PolicyFactory = {
  name: "cloud-first",
  description: "Every task to the least-loaded cloud VM.",
  create: () => ({ name: "cloud-first", decide: (task, view) => worstFitCloud(view, task) }),
};
