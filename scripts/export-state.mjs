// Post-build step of build:wasm: export every mutable global of the engine as "state:<n>", so the
// host can snapshot a replica (linear memory plus these globals) and restore it into a fresh
// instance of the same module (src/engine/wasm/snapshot.ts). Done on the optimised binary, after
// asc, so the exports cannot change what the optimiser did; the export names carry no meaning
// beyond their order, which is the module's global order and therefore fixed for one binary.
import { readFileSync, writeFileSync } from "node:fs";
import binaryen from "binaryen";

for (const file of process.argv.slice(2)) {
  const mod = binaryen.readBinary(readFileSync(file));
  mod.setFeatures(binaryen.Features.All);
  let n = 0;
  for (let i = 0; i < mod.getNumGlobals(); i++) {
    const info = binaryen.getGlobalInfo(mod.getGlobalByIndex(i));
    if (!info.mutable || info.module) continue;
    mod.addGlobalExport(info.name, `state:${n++}`);
  }
  if (!mod.validate()) throw new Error(`${file}: invalid after exporting its mutable globals`);
  writeFileSync(file, mod.emitBinary());
  console.log(`${file}: ${n} mutable globals exported for snapshots`);
}
