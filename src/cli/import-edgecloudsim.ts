// mecbench import-edgecloudsim: EdgeCloudSim's three configuration files -> a scenario JSON file.
// The scenario goes to stdout (or --out); the policy list, warnings and notes go to stderr when
// stdout carries the JSON, so `... > scenario.json` stays clean.
import { writeFileSync } from "node:fs";
import { createRegistry } from "../policies/registry.ts";
import { InputError } from "../scenario/errors.ts";
import { importEdgeCloudSim, readEdgeCloudSimFiles } from "../scenario/edgecloudsim/import.ts";
import { parseCommandArgs } from "./args.ts";
import { outputPathProblem } from "./output-path.ts";

const HELP = `mecbench import-edgecloudsim: convert EdgeCloudSim configuration files to a scenario

Usage: mecbench import-edgecloudsim --properties <file> --applications <file> --edge-devices <file>
                                    [--out <scenario.json>] [--name <name>] [--lenient]

  --properties <file>     EdgeCloudSim's default_config.properties
  --applications <file>   EdgeCloudSim's applications.xml
  --edge-devices <file>   EdgeCloudSim's edge_devices.xml
  --out <file>            write the scenario there (default: print it to stdout)
  --name <name>           scenario name (default: edgecloudsim-<folder of the properties file>,
                          skipping a folder named config)
  --lenient               unknown keys, elements and attributes are warnings, not errors

Units are converted (minutes -> s; Mbps, KB, MI kept in the field names), the device sweep
min/max/step becomes deviceCounts, and orchestrator_policies are mapped to mecbench policy
names (printed, and recorded in the scenario's description). Only EdgeCloudSim's sample_app2-4
world is supported (wlan_bandwidth = wan_bandwidth = 0, TWO_TIER_WITH_EO, no mobile VMs).
Every problem is reported at once with file:line, element path, value and fix; exit code 2.
Details and the known divergences from EdgeCloudSim: docs/edgecloudsim.md.

Example:
  mecbench import-edgecloudsim --properties scripts/sample_app4/config/default_config.properties \\
    --applications scripts/sample_app4/config/applications.xml \\
    --edge-devices scripts/sample_app4/config/edge_devices.xml --out app4.json
`;

export async function importEdgeCloudSimCommand(argv: string[]): Promise<number> {
  const parsed = parseCommandArgs("import-edgecloudsim", argv, {
    properties: { type: "string" },
    applications: { type: "string" },
    "edge-devices": { type: "string" },
    out: { type: "string" },
    name: { type: "string" },
    lenient: { type: "boolean" },
  });
  // The shape the options above produce (parseArgs' own typing does not survive the shared helper).
  const values = parsed.values as {
    help?: boolean; properties?: string; applications?: string; "edge-devices"?: string; out?: string; name?: string; lenient?: boolean;
  };
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const missing = (["properties", "applications", "edge-devices"] as const).filter((k) => values[k] === undefined);
  if (missing.length > 0) {
    throw new InputError(
      "mecbench import-edgecloudsim",
      missing.map((k) => ({ path: `--${k}`, message: "required", fix: `add --${k} <file> (see mecbench import-edgecloudsim --help)` })),
    );
  }
  const outProblem = outputPathProblem("--out", values.out, "file");
  if (outProblem) throw new InputError("mecbench import-edgecloudsim", [outProblem]);
  const files = readEdgeCloudSimFiles({ properties: values.properties!, applications: values.applications!, edgeDevices: values["edge-devices"]! });
  const result = importEdgeCloudSim(files, { ...(values.name !== undefined ? { name: values.name } : {}), lenient: values.lenient ?? false });
  const json = `${JSON.stringify(result.scenario, null, 2)}\n`;
  const info: string[] = result.warnings.map((w) => `warning: ${w}`);
  // The mapped names are mecbench's; a build may not have every one registered yet.
  const registered = new Set(createRegistry().names());
  const absent = result.policies.filter((p) => !registered.has(p));
  if (absent.length > 0) info.push(`warning: not registered in this build: ${absent.join(", ")} (mecbench policies lists the available ones)`);
  const policies = result.policies.join(",");
  if (values.out !== undefined) {
    writeFileSync(values.out, json);
    process.stderr.write(info.map((l) => `${l}\n`).join(""));
    process.stdout.write(`wrote ${values.out}: scenario ${result.scenario.name} (hash ${result.hash})\npolicies: ${policies} (use with mecbench sweep --policies ${policies})\n`);
  } else {
    process.stdout.write(json);
    info.push(`policies: ${policies} (use with mecbench sweep --policies ${policies})`);
    process.stderr.write(info.map((l) => `${l}\n`).join(""));
  }
  return 0;
}
