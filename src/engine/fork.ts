// Deep copy of a simulation's mutable state, for what-if forks (Simulation.fork): typed arrays are
// copied (views that shared a buffer keep sharing the copy), class instances keep their prototype,
// and every reference inside the graph is mapped to its copy (so a model's `ctx` points at the
// forked simulation). Objects listed in `shared` (immutable: scenario, infrastructure) and frozen
// objects are not copied. Functions are kept as they are: the caller rebinds the closures it owns.

type AnyTypedArray = Float64Array | Float32Array | Int32Array | Uint32Array | Uint8Array | Int16Array | Uint16Array | Int8Array;

export function deepCloneState<T>(root: T, shared: readonly object[] = []): T {
  const memo = new Map<unknown, unknown>();
  for (const s of shared) memo.set(s, s);
  const buffers = new Map<ArrayBufferLike, ArrayBuffer>();
  const clone = (value: unknown): unknown => {
    if (value === null || typeof value !== "object") return value;
    const known = memo.get(value);
    if (known !== undefined) return known;
    if (ArrayBuffer.isView(value)) {
      const view = value as unknown as AnyTypedArray;
      let buf = buffers.get(view.buffer);
      if (!buf) {
        buf = (view.buffer as ArrayBuffer).slice(0);
        buffers.set(view.buffer, buf);
      }
      const Ctor = view.constructor as new (b: ArrayBuffer, offset: number, length: number) => AnyTypedArray;
      const copy = new Ctor(buf, view.byteOffset, view.length);
      memo.set(value, copy);
      return copy;
    }
    if (Object.isFrozen(value)) {
      memo.set(value, value);
      return value;
    }
    if (Array.isArray(value)) {
      const copy: unknown[] = [];
      memo.set(value, copy);
      for (const item of value) copy.push(clone(item));
      return copy;
    }
    if (value instanceof Map || value instanceof Set) throw new Error("deepCloneState: Map/Set state is not supported");
    const copy = Object.create(Object.getPrototypeOf(value) as object) as Record<string, unknown>;
    memo.set(value, copy);
    for (const key of Object.getOwnPropertyNames(value)) copy[key] = clone((value as Record<string, unknown>)[key]);
    return copy;
  };
  return clone(root) as T;
}
