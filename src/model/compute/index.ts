// The compute models by scenario name (`compute.model`).
import type { SimContext } from "../../engine/context.ts";
import { FifoCores } from "./fifo-cores.ts";
import { ProcessorSharing } from "./processor-sharing.ts";
import type { ComputeModel } from "./types.ts";

export const Compute: Record<"fifo-cores" | "processor-sharing", (ctx: SimContext, vmSlotBase: number) => ComputeModel> = {
  "fifo-cores": (ctx) => new FifoCores(ctx),
  "processor-sharing": (ctx, vmSlotBase) => new ProcessorSharing(ctx, vmSlotBase),
};
