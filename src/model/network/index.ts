// The network models by scenario name (`network.model`).
import type { SimContext } from "../../engine/context.ts";
import { EdgeCloudSimNetwork } from "./edgecloudsim.ts";
import { SharedLinks } from "./shared-links.ts";
import type { NetworkModel } from "./types.ts";

export function createNetwork(ctx: SimContext, seed: number, linkSlotBase: number): NetworkModel {
  const config = ctx.scenario.network;
  return config.model === "shared-links"
    ? new SharedLinks(ctx, config, seed, linkSlotBase)
    : new EdgeCloudSimNetwork(ctx, config);
}
