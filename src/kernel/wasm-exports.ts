// The WASM module's exports as the host sees them, declared once: AssemblyScript writes their
// signatures from the sources (assembly/index.ts and what it re-exports) into build/mecbench.d.ts
// at `build:wasm`, so an export added, renamed or retyped there is seen here without a second list.
// Pointers are byte offsets into the instance's memory; booleans cross as 0/1.
export type WasmExports = Awaited<ReturnType<typeof import("../../build/mecbench.js").instantiate>>;
