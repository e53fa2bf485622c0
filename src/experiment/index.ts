// The experiment module's public API (explicit list: what the CLI, the report module and library
// users may rely on). The worker entry and the runner internals stay private.
export type { ResolvedSweep, Shard, SweepDefinition, TidyRow, UnitMetric, UnitRecord, WorkUnit } from "./types.ts";
export { ROW_COLUMNS } from "./types.ts";
export { DEFAULT_REFERENCE, DEFAULT_REPLICAS, DEFAULT_SEED, readSweepSpec, resolveSweep, sweepHashOf, sweepSpecSchema } from "./spec.ts";
export type { FieldOrigin, SweepInput } from "./spec.ts";
export { parsePolicyVariant, policyVariant, splitPolicyList } from "./policy-variant.ts";
export type { PolicyVariant } from "./policy-variant.ts";
export { enumerateUnits, shardUnits, unitKey } from "./units.ts";
export { finalizeSweepDir, MAX_ATTEMPTS, runSweep } from "./run-sweep.ts";
export type { FaultRule, SweepOutcome, SweepRunOptions } from "./run-sweep.ts";
export { runSweepSpec } from "./sweep-api.ts";
export type { SweepSpecOptions } from "./sweep-api.ts";
export { mergeSweepDirs, sweepFromManifest } from "./merge.ts";
export type { MergeOptions, MergeOutcome } from "./merge.ts";
export { MANIFEST_FORMAT, modelHashes, softwareVersions } from "./manifest.ts";
export type { Manifest, RunEntry } from "./manifest.ts";
export { SWEEP_FILES, SweepDir } from "./store.ts";
export type { FailureEntry, TimingEntry } from "./store.ts";
export { parseRowsJsonl, rowsOf, rowsToCsv, rowsToJsonl } from "./rows.ts";
export { CONFIDENCE_LEVEL, SUMMARY_COLUMNS, summarizeRows, summaryToCsv, summaryToJson } from "./summary.ts";
export type { PairedDifference, SummaryRow, SweepSummary } from "./summary.ts";
export { confidenceInterval, describeSample, mean, pairedDifferences, sampleStd, studentTCdf, studentTQuantile } from "./stats.ts";
export type { Interval, SampleSummary } from "./stats.ts";
export { createProgress, silentProgress } from "./progress.ts";
export type { ProgressSink } from "./progress.ts";
export { defaultWorkers } from "./runner.ts";
