// Parsed models by file identity (path, role, size, mtime and inode of the model and its sidecar):
// a sweep binds the neural-network policy once per replica, and parsing the ONNX graph each time is
// wasted. A changed file has another identity, so it is read (and checked) again. The cache is a
// value owned by whoever creates it (the neural-network descriptor keeps one for its encoder).
import { statSync } from "node:fs";
import { loadModel, type LoadedModel, type Role, sidecarPathFor } from "./model-set.ts";

function fileIdentity(path: string): string | undefined {
  try {
    const st = statSync(path);
    return `${st.size}:${st.mtimeMs}:${st.ino}`;
  } catch {
    return undefined; // loadModel reports the problem
  }
}

/** A loadModel that returns the same parsed model while neither file changes. */
export function cachedModelLoader(): typeof loadModel {
  const cache = new Map<string, LoadedModel>();
  return (path: string, role: Role, requireMlp: boolean): LoadedModel => {
    const a = fileIdentity(path), b = fileIdentity(sidecarPathFor(path));
    if (a === undefined || b === undefined) return loadModel(path, role, requireMlp);
    const key = `${path}\0${role}\0${requireMlp}\0${a}\0${b}`;
    let model = cache.get(key);
    if (model === undefined) {
      model = loadModel(path, role, requireMlp);
      cache.set(key, model);
    }
    return model;
  };
}
