// mecbench report: turn a sweep results directory into charts, an HTML page and a Markdown summary.
import { InputError } from "../scenario/errors.ts";
import { writeReport } from "../report/write-report.ts";
import { loadPolicyModule } from "../policies/user-modules.ts";
import { parseCommandArgs } from "./args.ts";
import { outputPathProblem } from "./output-path.ts";

const HELP = `mecbench report: charts, an HTML page and a Markdown summary from a sweep's results

Usage: mecbench report <results-dir> [--out DIR] [--policy-module FILE ...]

  <results-dir>   directory written by \`mecbench sweep\` (manifest.json, rows.jsonl; summary.json
                  optional: means and 95 % CIs are computed from the rows when it is missing;
                  no interval from fewer than 3 replicas; see docs/report.md)
  --out DIR       where to write the report (default: <results-dir>/report)
  --policy-module FILE
                  the module(s) the sweep loaded its own policies from (repeatable): checked to
                  load; their policies' lines are drawn like any other's

Writes, per chart, <chart>.vl.json (Vega-Lite spec), <chart>.svg and <chart>.png:
  fig4-service-time, fig5-network-delay, fig6-processing-time, fig7-failed-tasks,
  fig8-vm-utilization (the paper's Figures 4-8: its five methods, the neural network with expert
  and with outcome labels, and its reported values overlaid for the paper and edgecloudsim-app4
  scenarios), fig4-service-time-others ... fig8-vm-utilization-others (every other policy, same
  axes), failure-reasons, delay-breakdown, tier-share, service-time-per-app, offered-load;
and index.html (self-contained: all charts, the numbers, reproduction notes, the manifest; opens
from file:// with no network) and summary.md (the same numbers as Markdown tables).

Exit codes: 0 written, 2 bad input (missing directory, no rows, a corrupt rows.jsonl line).
`;

export async function reportCommand(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parseReportArgs(argv);
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    if (positionals.length !== 1) {
      throw new InputError("mecbench report", [
        {
          path: "<results-dir>",
          value: positionals.length === 0 ? undefined : positionals.join(" "),
          message: positionals.length === 0 ? "required" : "exactly one results directory expected",
          fix: "run `mecbench report <results-dir> [--out DIR]` (see mecbench report --help)",
        },
      ]);
    }
    for (const path of (values["policy-module"] as string[] | undefined) ?? []) await loadPolicyModule(path, "--policy-module");
    const outProblem = outputPathProblem("--out", values.out, "dir");
    if (outProblem) throw new InputError("mecbench report", [outProblem]);
    const written = await writeReport(positionals[0]!, values.out);
    for (const w of written.model.results.warnings) process.stderr.write(`warning: ${w}\n`);
    for (const f of written.files) process.stdout.write(`${f}\n`);
    return 0;
  } catch (err) {
    if (err instanceof InputError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

function parseReportArgs(argv: string[]) {
  return parseCommandArgs("report", argv, { out: { type: "string" }, "policy-module": { type: "string", multiple: true } }, true);
}
