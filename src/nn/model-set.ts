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
import { mlpToOnnx, ONNX_INPUT_NAME, ONNX_OUTPUT_NAME, type OnnxHeader, readMlpFromOnnx, readOnnxHeader } from "./onnx.ts";
import { InputError } from "../scenario/errors.ts";
import { decodeUtf8, parseJsonText } from "../scenario/input-file.ts";
import { TIER_FEATURES, VM_FEATURES, type Normalisation } from "./features.ts";
import { projectFile } from "../kernel/project-files.ts";

export const SIDECAR_FORMAT = "mecbench-nn-sidecar/1";
export const OPSET = 13;
export const IR_VERSION = 8;

export type Role = "tier-selection" | "vm-compatibility";
/** expert and outcome: supervised labels; rl: the supervised network fine-tuned as a DQN (src/training/rl.ts). */
export type LabelMode = "expert" | "outcome" | "rl";

/** The label modes trained by supervision (the starting points of --rl). */
export const SUPERVISED_LABEL_MODES = ["expert", "outcome"] as const;
export type SupervisedLabelMode = (typeof SUPERVISED_LABEL_MODES)[number];

export const MODEL_FILES = {
  tier: { expert: "tier-selection.onnx", outcome: "tier-selection-outcome.onnx", rl: "tier-selection-rl.onnx" },
  vm: "vm-compatibility.onnx",
} as const;

export const TIER_CLASSES = ["localEdge", "remoteEdge", "cloud"] as const;

/** A model file a run loaded: its role, path (relative to the repository when inside it), sha256, and world match. */
export interface ModelUse {
  role: Role;
  path: string;
  sha256: string;
  /** matched: trained for this scenario's world; foreign: for another; unstated: the sidecar records none. */
  world: "matched" | "foreign" | "unstated";
}

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
  /** The world the model was trained for (src/scenario/fingerprint.ts): models are chosen by it. */
  worldFingerprint?: string;
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

/**
 * A preset's own set by name: models/<name>/, or models/paper/ (with a warning) when there is none. The
 * neural-network policy does not use this: it chooses the set by world fingerprint (model-choice.ts).
 */
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
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ModelError(
      code === "ENOENT" ? `${path}: ${what} not found` : `${path}: cannot read ${what} (${(e as Error).message})`,
      { cause: e },
    );
  }
  try {
    return decodeUtf8(bytes, path, "sidecar", "a JSON sidecar");
  } catch (e) {
    const p = (e as InputError).problems?.[0];
    throw new ModelError(p ? `${path}: ${what} ${p.message} (fix: ${p.fix})` : `${path}: ${(e as Error).message}`, { cause: e });
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
  // The rest of the contract (docs/neural-network.md): each with the fix, since a hand-written
  // sidecar for a model trained elsewhere is where these go wrong.
  if (typeof s.model !== "string" || !s.model.toLowerCase().endsWith(".onnx")) {
    fail(`model: expected the ONNX file name this sidecar describes, found ${JSON.stringify(s.model)} (fix: set "model" to the .onnx file's name, e.g. "${basename(path).replace(/\.json$/i, ".onnx")}")`);
  }
  for (const side of ["input", "output"] as const) {
    const name = s[side]?.name;
    if (typeof name !== "string" || name === "") fail(`${side}.name: expected the ONNX graph's ${side} name, found ${JSON.stringify(name)} (fix: set it, e.g. "${side === "input" ? ONNX_INPUT_NAME : ONNX_OUTPUT_NAME}")`);
  }
  if (role === "tier-selection" && s.output!.classes !== undefined && JSON.stringify(s.output!.classes) !== JSON.stringify(TIER_CLASSES)) {
    fail(`output.classes: expected ${JSON.stringify(TIER_CLASSES)} (the order of the scores), found ${JSON.stringify(s.output!.classes)} (fix: reorder the model's outputs, or drop "classes")`);
  }
  for (const key of ["opset", "irVersion"] as const) {
    if (!Number.isInteger(s[key]) || (s[key] as number) < 1) {
      fail(`${key}: expected a positive integer (the model file's ${key === "opset" ? "default-domain opset" : "IR version"}), found ${JSON.stringify(s[key])} (fix: copy it from the model, e.g. onnx.load(f).${key === "opset" ? "opset_import[0].version" : "ir_version"})`);
    }
  }
  if (s.worldFingerprint !== undefined && (typeof s.worldFingerprint !== "string" || !/^[0-9a-f]{16}$/.test(s.worldFingerprint))) {
    fail(`worldFingerprint: expected the 16 hex digits of the world the model was trained for, found ${JSON.stringify(s.worldFingerprint)} (fix: drop it, or copy it from mecbench train's sidecar for that scenario)`);
  }
  if (typeof s.producer !== "string") fail(`producer: expected a string naming what made the model, found ${JSON.stringify(s.producer)} (fix: e.g. "producer": "pytorch 2.3")`);
  return s as Sidecar;
}

/** The sidecar against the model file it sits beside: file name, IR version, opset, graph input/output. */
export function checkSidecarAgainstModel(sidecar: Sidecar, header: OnnxHeader, onnxPath: string, sidecarPath: string): void {
  const fail = (what: string): never => {
    throw new ModelError(`${sidecarPath}: ${what}`);
  };
  const file = basename(onnxPath);
  if (sidecar.model !== file) {
    fail(`model: names ${JSON.stringify(sidecar.model)}, but this sidecar belongs to ${file} (fix: set "model": ${JSON.stringify(file)}, or give the sidecar of ${sidecar.model})`);
  }
  if (header.irVersion !== sidecar.irVersion) {
    fail(`irVersion: ${sidecar.irVersion}, but ${file} has IR version ${header.irVersion ?? "(none)"} (fix: set "irVersion": ${header.irVersion ?? "<the model's ir_version>"}, or give the model this sidecar was written for)`);
  }
  if (header.opset !== sidecar.opset) {
    fail(`opset: ${sidecar.opset}, but ${file} imports opset ${header.opset ?? "(none)"} of the default domain (fix: set "opset": ${header.opset ?? "<the model's opset>"}, or give the model this sidecar was written for)`);
  }
  const width = (shape: (number | string)[] | undefined) => (shape && shape.length === 2 ? shape[1] : undefined);
  for (const side of ["input", "output"] as const) {
    const graph = side === "input" ? header.inputs : header.outputs;
    const want = sidecar[side];
    const found = graph.find((v) => v.name === want.name);
    if (!found) {
      fail(`${side}.name: ${JSON.stringify(want.name)}, but ${file}'s graph ${side}s are ${graph.map((v) => JSON.stringify(v.name)).join(", ") || "(none)"} (fix: set "${side}": {"name": ${JSON.stringify(graph[0]?.name ?? want.name)}, ...} or re-export with ${side}_names=[${JSON.stringify(want.name)}])`);
    }
    const w = width(found!.shape);
    if (typeof w === "number" && w !== want.shape[1]) {
      fail(`${side}.shape: ["N", ${want.shape[1]}], but ${file}'s ${side} "${want.name}" is [${found!.shape!.join(", ")}] (fix: give the model trained on these ${side === "input" ? "features" : "outputs"}, or correct the sidecar)`);
    }
  }
}

/** Load and check model + sidecar. `requireMlp`: the graph must be a dense MLP (wasm backend). */
export function loadModel(onnxPath: string, role: Role, requireMlp: boolean): LoadedModel {
  const sidecarPath = sidecarPathFor(onnxPath);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(onnxPath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "model file not found" : code === "EISDIR" ? "is a directory, not an ONNX model file (fix: give the .onnx file inside it)" : `cannot read model (${(e as Error).message})`;
    throw new ModelError(`${onnxPath}: ${why}`, { cause: e });
  }
  const text = readText(sidecarPath, `sidecar of ${basename(onnxPath)}`);
  let data: unknown;
  try {
    data = parseJsonText(text, sidecarPath);
  } catch (e) {
    const where = e instanceof InputError ? e.problems.map((p) => `${p.path}: ${p.message}`).join("; ") : (e as Error).message;
    throw new ModelError(`${sidecarPath}: not valid JSON (${where.replace(/^(line [^:]*): not valid JSON: /, "$1: ")})`, { cause: e });
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
  // After the graph's own shape checks, whose messages say expected vs found for the widths.
  checkSidecarAgainstModel(sidecar, readOnnxHeader(bytes, onnxPath), onnxPath, sidecarPath);
  return loaded;
}

/** Paths of a set's files for a label mode. */
export function modelSetPaths(dir: string, labels: LabelMode): { tier: string; vm: string } {
  return { tier: join(dir, MODEL_FILES.tier[labels]), vm: join(dir, MODEL_FILES.vm) };
}

export function describeDir(path: string): string {
  return dirname(path);
}
