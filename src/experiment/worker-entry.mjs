// Entry of the sweep's worker threads when mecbench runs from its TypeScript sources. On Node 20
// a worker thread does not get tsx's ESM hooks from `--import tsx` in its execArgv (measured:
// only tsx's require hook takes effect, so worker.ts would load as CommonJS and any top-level
// await below it would break). Registering tsx here, inside the thread, gives real ESM.
import { register } from "tsx/esm/api";

register();
const worker = await import(new URL("./worker.ts", import.meta.url).href);

export default worker.default;
