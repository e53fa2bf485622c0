// A model set: per preset, under models/<preset>/, the ONNX networks and their JSON sidecars.
//   tier-selection.onnx          TierSelectionNN trained on expert labels (the default)
//   tier-selection-outcome.onnx  TierSelectionNN trained on outcome labels (labels=outcome)
//   tier-selection-rl.onnx       TierSelectionNN fine-tuned as a DQN (labels=rl; mecbench train --rl)
//   vm-compatibility.onnx        VMCompatibilityNN (simulated outcomes; shared by every label mode)
// Each x.onnx has x.json beside it: the contract a model (ours or one trained elsewhere) must meet.
// Loading checks the sidecar against the features this build computes and the ONNX shapes against
// the sidecar; every mismatch is a ModelError naming the file, what was expected and what was found.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type MlpModel, ModelError } from "./mlp.ts";
import { mlpToOnnx, ONNX_INPUT_NAME, ONNX_OUTPUT_NAME, readMlpFromOnnx } from "./onnx.ts";
import { TIER_FEATURES, VM_FEATURES, type Normalisation } from "./features.ts";
import { projectFile } from "../project-files.ts";

export const SIDECAR_FORMAT = "mecbench-nn-sidecar/1";
export const OPSET = 13;
export const IR_VERSION = 8;

export type Role = "tier-selection" | "vm-compatibility";
/** expert and outcome: supervised labels; rl: the supervised network fine-tuned as a DQN (src/nn/rl.ts). */
export type LabelMode = "expert" | "outcome" | "rl";

/** The label modes trained by supervision (the starting points of --rl). */
export const SUPERVISED_LABEL_MODES = ["expert", "outcome"] as const;
export type SupervisedLabelMode = (typeof SUPERVISED_LABEL_MODES)[number];

export const MODEL_FILES = {
  tier: { expert: "tier-selection.onnx", outcome: "tier-selection-outcome.onnx", rl: "tier-selection-rl.onnx" },
  vm: "vm-compatibility.onnx",
} as const;

export const TIER_CLASSES = ["localEdge", "remoteEdge", "cloud"] as const;

export interface SidecarFeature {
  name: string;
  /** Raw values are clipped to [0, clipMax] before normalisation (null: no upper clip). */
  mean: number;
  std: number;
}

export interface Sidecar {
  format: typeof SIDECAR_FORMAT;
  role: Role;
  /** The ONNX file this sidecar describes (relative to the sidecar). */
  model: string;
  input: { name: string; shape: ["N", number] };
  output: {
    name: string;
    shape: ["N", number];
    /** tier-selection: one score per tier in this order. */
    classes?: string[];
    /** What the output means, and which way is better. */
    meaning: string;
    rank: "higher-is-better" | "lower-is-better";
  };
  /** In order: x'_j = (x_j − mean_j) / std_j, x_j computed as src/nn/features.ts says. */
  features: SidecarFeature[];
  labelMode?: LabelMode;
  scenario?: string;
  scenarioHash?: string;
  training?: Record<string, unknown>;
  metrics?: Record<string, unknown>;
  opset: number;
  irVersion: number;
  producer: string;
}

export function sidecarPathFor(onnxPath: string): string {
  return onnxPath.replace(/\.onnx$/i, "") + ".json";
}

/** The repository's models/ folder. */
export function modelsRoot(): string {
  return fileURLToPath(projectFile("models/"));
}

/** The model set of a scenario: models/<name>/, or models/paper/ (with a warning) when there is none. */
export function defaultModelDir(scenarioName: string, warn: (message: string) => void = () => {}): string {
  const dir = join(modelsRoot(), scenarioName);
  if (existsSync(join(dir, MODEL_FILES.tier.expert))) return dir;
  const fallback = join(modelsRoot(), "paper");
  warn(`neural-network: no model set for scenario "${scenarioName}" in ${dir}; using ${fallback} (train one with: mecbench train --scenario <file>)`);
  return fallback;
}

export function expectedFeatures(role: Role): readonly string[] {
  return role === "tier-selection" ? TIER_FEATURES : VM_FEATURES;
}

export function expectedOutputs(role: Role): number {
  return role === "tier-selection" ? TIER_CLASSES.length : 1;
}

/** Write model + sidecar (both deterministic: no timestamps). Returns the byte sizes. */
export function writeModelFiles(onnxPath: string, model: MlpModel, sidecar: Sidecar): { onnxBytes: number; sidecarBytes: number } {
  const bytes = mlpToOnnx(model, {
    metadata: {
      "mecbench.role": sidecar.role,
      "mecbench.features": sidecar.features.map((f) => f.name).join(","),
      ...(sidecar.labelMode ? { "mecbench.labelMode": sidecar.labelMode } : {}),
    },
    graphName: sidecar.role,
  });
  writeFileSync(onnxPath, bytes);
  const text = `${JSON.stringify(sidecar, null, 2)}\n`;
  writeFileSync(sidecarPathFor(onnxPath), text);
  return { onnxBytes: bytes.length, sidecarBytes: Buffer.byteLength(text) };
}

export interface LoadedModel {
  path: string;
  sidecarPath: string;
  sidecar: Sidecar;
  norm: Normalisation;
  bytes: Uint8Array;
  /** The dense network, when the graph is one (required by the wasm backend). */
  mlp?: MlpModel;
  /** Why the graph is not a plain MLP (the onnx backend can still run it). */
  notMlp?: string;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ModelError(
      code === "ENOENT" ? `${path}: ${what} not found` : `${path}: cannot read ${what} (${(e as Error).message})`,
      { cause: e },
    );
  }
}

/** Check a parsed sidecar against the role's contract; returns it typed. */
export function checkSidecar(data: unknown, path: string, role: Role): Sidecar {
  const fail = (what: string): never => {
    throw new ModelError(`${path}: ${what}`);
  };
  if (typeof data !== "object" || data === null || Array.isArray(data)) fail("expected a JSON object");
  const s = data as Partial<Sidecar>;
  if (s.format !== SIDECAR_FORMAT) fail(`expected format "${SIDECAR_FORMAT}", found ${JSON.stringify(s.format)}`);
  if (s.role !== role) fail(`expected role "${role}", found ${JSON.stringify(s.role)}`);
  const want = expectedFeatures(role);
  if (!Array.isArray(s.features)) fail(`expected "features": an array of ${want.length} {name, mean, std}`);
  const features = s.features!;
  if (features.length !== want.length) {
    fail(`expected ${want.length} features, found ${features.length} (the order must be: ${want.join(", ")})`);
  }
  features.forEach((f, j) => {
    if (f?.name !== want[j]) fail(`feature ${j}: expected "${want[j]}", found ${JSON.stringify(f?.name)}`);
    if (typeof f.mean !== "number" || !Number.isFinite(f.mean)) fail(`feature ${j} (${want[j]}): mean must be a finite number, found ${JSON.stringify(f.mean)}`);
    if (typeof f.std !== "number" || !(f.std > 0) || !Number.isFinite(f.std)) fail(`feature ${j} (${want[j]}): std must be a positive number, found ${JSON.stringify(f.std)}`);
  });
  const outs = expectedOutputs(role);
  if (s.input?.shape?.[1] !== want.length) fail(`input: expected shape ["N", ${want.length}], found ${JSON.stringify(s.input?.shape)}`);
  if (s.output?.shape?.[1] !== outs) fail(`output: expected shape ["N", ${outs}], found ${JSON.stringify(s.output?.shape)}`);
  if (s.output!.rank !== "higher-is-better" && s.output!.rank !== "lower-is-better") {
    fail(`output.rank: expected "higher-is-better" or "lower-is-better", found ${JSON.stringify(s.output!.rank)}`);
  }
  return s as Sidecar;
}

/** Load and check model + sidecar. `requireMlp`: the graph must be a dense MLP (wasm backend). */
export function loadModel(onnxPath: string, role: Role, requireMlp: boolean): LoadedModel {
  const sidecarPath = sidecarPathFor(onnxPath);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(onnxPath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ModelError(code === "ENOENT" ? `${onnxPath}: model file not found` : `${onnxPath}: cannot read model (${(e as Error).message})`, { cause: e });
  }
  const text = readText(sidecarPath, `sidecar of ${basename(onnxPath)}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ModelError(`${sidecarPath}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
  const sidecar = checkSidecar(data, sidecarPath, role);
  const norm: Normalisation = {
    mean: Float64Array.from(sidecar.features, (f) => f.mean),
    std: Float64Array.from(sidecar.features, (f) => f.std),
  };
  const loaded: LoadedModel = { path: onnxPath, sidecarPath, sidecar, norm, bytes };
  try {
    loaded.mlp = readMlpFromOnnx(bytes, {
      source: onnxPath,
      inputName: sidecar.input.name ?? ONNX_INPUT_NAME,
      outputName: sidecar.output.name ?? ONNX_OUTPUT_NAME,
      inputSize: sidecar.features.length,
      outputSize: expectedOutputs(role),
    });
  } catch (e) {
    if (!(e instanceof ModelError)) throw e;
    // Shape and name mismatches are errors for every backend; an unsupported graph only for wasm.
    const shapeProblem = /expected (input|output) |not a valid ONNX|no graph found|cannot read/.test(e.message);
    if (requireMlp || shapeProblem) {
      throw requireMlp && !shapeProblem
        ? new ModelError(`${e.message} (the wasm backend runs dense MLPs only; use --option backend=onnx for other graphs)`, { cause: e })
        : e;
    }
    loaded.notMlp = e.message;
  }
  return loaded;
}

/** Paths of a set's files for a label mode. */
export function modelSetPaths(dir: string, labels: LabelMode): { tier: string; vm: string } {
  return { tier: join(dir, MODEL_FILES.tier[labels]), vm: join(dir, MODEL_FILES.vm) };
}

export function describeDir(path: string): string {
  return dirname(path);
}
