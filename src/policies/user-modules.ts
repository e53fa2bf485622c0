// A user's policies from their own module (--policy-module ./my-policies.ts, or policyModules in a
// sweep spec): a TypeScript or JavaScript file exporting policy descriptors (a name, a description
// and `create`; see PolicyFactory). The same loader runs in the main thread and in each sweep
// worker thread (a thread imports the module itself: functions cannot be posted to it). A module
// that fails to load, exports no policy, or reuses a registered name is an InputError.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { InputError } from "../scenario/errors.ts";
import { BUILTIN_POLICIES, createRegistry, type PolicyRegistry } from "./registry.ts";
import type { PolicyDescriptor } from "./types.ts";

/** What a sweep records of a module: its absolute path and the sha256 of its content. */
export interface PolicyModuleRef {
  path: string;
  sha256: string;
}

export interface LoadedPolicyModule extends PolicyModuleRef {
  policies: PolicyDescriptor[];
}

/** Read a module's content hash (a changed module is a different sweep); `from` names the flag or JSON path. */
function policyModuleRef(path: string, from: string): PolicyModuleRef {
  const abs = resolve(path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(abs);
  } catch (e) {
    throw new InputError(from, [{
      path: from, value: path, message: `cannot read the policy module (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      fix: "give the path of a .ts or .js file exporting policy descriptors (see examples/cloud-first.ts)",
    }]);
  }
  return { path: abs, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/** Import a module and collect the policy descriptors it exports (named or default, alone or in arrays). */
export async function loadPolicyModule(path: string, from: string): Promise<LoadedPolicyModule> {
  const ref = policyModuleRef(path, from);
  let ns: Record<string, unknown>;
  try {
    ns = await importModule(ref.path);
  } catch (e) {
    throw new InputError(from, [{
      path: from, value: path, message: `the policy module failed to load: ${(e as Error).message.split("\n")[0]}`,
      fix: "fix the module so that `node` (or `tsx` for TypeScript) can import it",
    }]);
  }
  const policies: PolicyDescriptor[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isDescriptor(v) && !policies.includes(v)) policies.push(v);
  };
  for (const value of Object.values(ns)) visit(value);
  if (policies.length === 0) {
    throw new InputError(from, [{
      path: from, value: path, message: `the module exports no policy (exports: ${Object.keys(ns).join(", ") || "none"})`,
      fix: "export an object { name, description, create(ctx) { return { name, decide(task, view) { ... } } } } (see examples/cloud-first.ts)",
    }]);
  }
  return { ...ref, policies };
}

/**
 * The modules in order, then a registry of the built-ins plus their policies; a name registered
 * twice is an error. No paths give the built-in registry, so callers need no special case.
 */
export async function loadPolicyModules(paths: readonly string[], from: (i: number) => string): Promise<{ modules: LoadedPolicyModule[]; registry: PolicyRegistry }> {
  const modules: LoadedPolicyModule[] = [];
  for (let i = 0; i < paths.length; i++) modules.push(await loadPolicyModule(paths[i]!, from(i)));
  return { modules, registry: registryWith(modules, from) };
}

/** The built-ins plus the modules' policies. */
function registryWith(modules: readonly LoadedPolicyModule[], from: (i: number) => string): PolicyRegistry {
  const registry = createRegistry(BUILTIN_POLICIES);
  const owner = new Map<string, string>(BUILTIN_POLICIES.map((p) => [p.name, "a built-in policy"]));
  modules.forEach((m, i) => {
    for (const p of m.policies) {
      const taken = owner.get(p.name);
      if (taken !== undefined) {
        throw new InputError(from(i), [{
          path: from(i), value: p.name, message: `${m.path} registers policy "${p.name}", a name ${taken} already has`,
          fix: "give the policy another name (names must be unique across the built-ins and every --policy-module)",
        }]);
      }
      owner.set(p.name, m.path);
      registry.add(p);
    }
  });
  return registry;
}

function isDescriptor(v: unknown): v is PolicyDescriptor {
  if (typeof v !== "object" || v === null) return false;
  const d = v as Partial<PolicyDescriptor>;
  return typeof d.name === "string" && d.name !== "" && (typeof d.create === "function" || d.native !== undefined);
}

// The thread's tsx registration, shared by every .ts module it imports (a promise, so that two
// loads in flight still register once).
let tsxRegistered: Promise<void> | undefined;

/**
 * import() the file. A .ts file needs a TypeScript loader in this thread: running from the sources
 * (this module is .ts) there is one; compiled (the bin's dist/, its worker threads), tsx is
 * registered first, once per thread (each register() would add another loader hook). Registering
 * after a failed import would not help: Node caches the failure.
 */
async function importModule(abs: string): Promise<Record<string, unknown>> {
  if (/\.[mc]?ts$/i.test(abs) && !import.meta.url.endsWith(".ts")) {
    tsxRegistered ??= import("tsx/esm/api").then(({ register }) => {
      register();
    });
    await tsxRegistered;
  }
  return (await import(pathToFileURL(abs).href)) as Record<string, unknown>;
}
