// The imports of build/mecbench.wasm, built in one place for every instance: AssemblyScript's abort
// and the engine's calls to its host (assembly/kernel/host.ts). The engine's instance answers those
// calls; the MLP kernel's instance never runs the engine, so it answers each with an error. The
// imports are bound before the instance exists, so its memory comes in `box`, set once it is made.

/** The engine's calls to its host; pointers are byte offsets into the instance's memory. */
export interface EngineHostCalls {
  chooseTier(task: number, mask: number): number;
  forward(net: number, input: number, n: number, output: number): void;
  taskTrace(record: number): void;
  taskEnded(task: number, kind: number, reason: number): void;
}

/** The error an abort throws, from its message and file (read out of the instance's memory). */
export type AbortError = (message: string, file: string, line: number, col: number) => Error;

export function wasmImports(box: { memory?: WebAssembly.Memory }, abortError: AbortError, calls: EngineHostCalls): WebAssembly.Imports {
  return {
    env: {
      abort(msg: number, file: number, line: number, col: number): never {
        throw abortError(readAsString(box.memory, msg), readAsString(box.memory, file), line, col);
      },
      chooseTier: calls.chooseTier,
      forward: calls.forward,
      taskTrace: calls.taskTrace,
      taskEnded: calls.taskEnded,
    },
  };
}

// AssemblyScript strings: UTF-16LE payload, byte length stored just before the pointer.
function readAsString(memory: WebAssembly.Memory | undefined, ptr: number): string {
  if (!memory || ptr === 0) return "";
  const len = new Uint32Array(memory.buffer, ptr - 4, 1)[0]!;
  return Buffer.from(memory.buffer, ptr, len).toString("utf16le");
}
