// A built-in policy is one descriptor: name, description, options schema (the only place its
// defaults live), counters, report colour and, because every built-in runs inside the WASM engine,
// its engine id and parameter encoder. Adding a native policy means: its AssemblyScript file, one
// `definePolicy` call next to it in src/policies/<name>.ts, one line in BUILTIN_POLICIES and its test.
import { z } from "zod";
import type { NativeEncoding, PolicyDescriptor, PolicyFamily, PolicyOptionsSchema } from "./types.ts";

/** A built-in's descriptor: every field a user's policy may leave out is required here. */
export interface BuiltinPolicyDescriptor<S extends PolicyOptionsSchema = PolicyOptionsSchema> extends PolicyDescriptor {
  readonly options: S;
  readonly counters: readonly string[];
  readonly native: NativeEncoding<z.output<S>>;
  readonly family: PolicyFamily;
  readonly colour: string;
  readonly marker: string;
}

/** Identity, for the types: the encoder receives the schema's output (defaults applied). */
export function definePolicy<S extends PolicyOptionsSchema>(descriptor: BuiltinPolicyDescriptor<S>): BuiltinPolicyDescriptor<S> {
  return descriptor;
}

/** The options schema of a policy that takes none: any key is an unknown option. */
export const NO_OPTIONS = z.strictObject({});

/** Families in report order, with the heading the docs and `mecbench policies` give them. */
export const POLICY_FAMILY_TITLES: Readonly<Record<PolicyFamily, string>> = {
  method: "the paper's method",
  baseline: "the paper's baselines",
  edgecloudsim: "EdgeCloudSim references",
  reference: "mecbench references",
};

/** A built-in policy: a descriptor whose native part runs inside the engine (no TypeScript twin). */
export type BuiltinPolicy = BuiltinPolicyDescriptor;
