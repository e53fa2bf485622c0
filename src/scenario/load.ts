// Where scenarios come from: a built-in preset by name, or a JSON file. Either way the data goes
// through the same validation, so a preset is just a file that ships with mecbench.
import { existsSync, readFileSync } from "node:fs";
import { InputError } from "./errors.ts";
import { parseJsonText, readTextFile } from "./input-file.ts";
import { resolveScenario, type ResolvedScenario } from "./validate.ts";

const PRESETS = ["paper", "edgecloudsim-app4"] as const;
export type PresetName = (typeof PRESETS)[number];

export function presetNames(): readonly PresetName[] {
  return PRESETS;
}

export function presetPath(name: PresetName): URL {
  return new URL(`./presets/${name}.json`, import.meta.url);
}

/** Load a preset by name or a scenario file by path, validated, frozen and hashed. */
export function loadScenario(nameOrPath: string): ResolvedScenario {
  if ((PRESETS as readonly string[]).includes(nameOrPath)) {
    const url = presetPath(nameOrPath as PresetName);
    return resolveScenario(parseJsonText(readFileSync(url, "utf8"), `preset ${nameOrPath}`), `preset ${nameOrPath}`);
  }
  if (!existsSync(nameOrPath)) {
    throw new InputError("--scenario", [
      {
        path: "--scenario",
        value: nameOrPath,
        message: "neither a built-in preset nor an existing file",
        fix: `use one of ${PRESETS.join(", ")} or the path of a scenario JSON file`,
      },
    ]);
  }
  return resolveScenario(parseJsonText(readTextFile(nameOrPath, { from: "--scenario", kind: "a scenario JSON file" }), nameOrPath), nameOrPath);
}

// Kept here for existing importers; the implementation lives with the other file checks.
export { parseJsonText } from "./input-file.ts";
