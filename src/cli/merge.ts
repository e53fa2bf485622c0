// `mecbench merge <dir>... --out DIR`: join the shard outputs of one sweep. The merged rows and
// summary are byte-identical to an unsharded run of the same sweep.
import { mergeSweepDirs } from "../experiment/merge.ts";
import { InputError } from "../scenario/errors.ts";
import { scanArgs } from "./args.ts";
import { outputPathProblem } from "./output-path.ts";
import { formatInputError } from "./sweep.ts";

export const MERGE_HELP = `Usage: mecbench merge <shard-dir> <shard-dir> ... --out DIR

Join the --out directories of \`mecbench sweep --shard i/n\` runs of one sweep. Checks that all
hold the same sweep hash and that together they cover every unit, then writes rows.jsonl,
rows.csv, summary.json, summary.csv, manifest.json and units/ into DIR, the same bytes an
unsharded run writes. Merging again into the same DIR is safe.

  --out DIR      output directory (required; not one of the inputs)
  -h, --help     show this help

Exit codes: 0 merged, 2 bad input (different sweeps, missing units, bad flags).
`;

export interface MergeArgs {
  help: boolean;
  dirs: string[];
  out?: string;
}

export function parseMergeArgs(argv: readonly string[]): MergeArgs {
  const { values, positionals: dirs, problems } = scanArgs("merge", argv, { out: { type: "string" } }, true);
  const help = values.help ?? false;
  const out = values.out;
  const outProblem = outputPathProblem("--out", out, "dir");
  if (outProblem) problems.push(outProblem);
  if (!help) {
    if (out === undefined && !problems.some((p) => p.path === "--out")) {
      problems.push({ path: "--out", message: "no output directory given", fix: "add --out DIR" });
    }
    if (dirs.length === 0) problems.push({ path: "<dir>", message: "no shard directories given", fix: "list the shard --out directories before --out" });
  }
  if (problems.length > 0) throw new InputError("mecbench merge", problems);
  return { help, dirs, out };
}

export async function mergeCommand(argv: string[]): Promise<number> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const args = parseMergeArgs(argv);
    if (args.help) {
      process.stdout.write(MERGE_HELP);
      return 0;
    }
    const outcome = mergeSweepDirs(args.dirs, args.out!, { warn: log, commandLine: ["mecbench", "merge", ...argv] });
    log(`merged ${args.dirs.length} directories: sweep ${outcome.sweepHash}, ${outcome.units} units -> ${outcome.outDir}`);
    return 0;
  } catch (err) {
    if (err instanceof InputError) {
      log(formatInputError("mecbench merge", err));
      return 2;
    }
    throw err;
  }
}
