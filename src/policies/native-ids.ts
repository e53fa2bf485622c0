// The engine's id of every built-in policy that runs inside WASM: the one table. Descriptors take
// their id from here, src/engine/wasm/boundary.ts declares it to the engine, and build:wasm writes it
// into assembly/kernel/layout.gen.ts (POLICY_<NAME> constants), so the two sides cannot disagree.

/** 0 = no native policy: the engine asks the host (a TypeScript policy) for every decision. */
export const POLICY_HOST = 0;

/** Policy name → engine id. Ids are never reused: a removed policy leaves a gap. */
export const NATIVE_POLICY_IDS = {
  "random": 1,
  "utilization-based": 2,
  "greedy-min-service": 3,
  "expert-rules": 4,
  "network-based": 5,
  "hybrid": 6,
  "first-fit": 7,
  "next-fit": 8,
  "best-fit": 9,
  "worst-fit": 10,
  "flores": 11,
  "sonmez": 12,
  "almutairi": 13,
  "neural-network": 14,
} as const;

export type NativePolicyName = keyof typeof NATIVE_POLICY_IDS;

/** The AssemblyScript constant that holds a policy's id: "utilization-based" → POLICY_UTILIZATION_BASED. */
export function nativeConstantName(policy: string): string {
  return `POLICY_${policy.toUpperCase().replace(/-/g, "_")}`;
}
