// mecbench's command line: one file per command; this one only dispatches and turns bad input
// into a clear message (exit 2) instead of a stack trace.
import { didYouMean, InputError } from "../scenario/errors.ts";

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  run: { summary: "simulate one scenario, one policy, one device count", load: async () => (await import("./run.ts")).runCommand },
  validate: { summary: "check a scenario and print its offered load per sweep point", load: async () => (await import("./validate.ts")).validateCommand },
  schema: { summary: "print the JSON Schema of scenario files", load: async () => (await import("./schema.ts")).schemaCommand },
  policies: { summary: "list the registered policies", load: async () => (await import("./policies.ts")).policiesCommand },
  sweep: { summary: "policies × device counts × replicas, in parallel, resumable", load: async () => (await import("./sweep.ts")).sweepCommand },
  merge: { summary: "join the outputs of sweep shards", load: async () => (await import("./merge.ts")).mergeCommand },
  report: { summary: "figures (SVG, PNG, HTML) and tables from a sweep", load: async () => (await import("./report.ts")).reportCommand },
  "import-edgecloudsim": { summary: "convert EdgeCloudSim configuration files to a scenario", load: async () => (await import("./import-edgecloudsim.ts")).importEdgeCloudSimCommand },
  train: { summary: "train the neural offloader and export ONNX models", load: async () => (await import("./train.ts")).trainCommand },
  conformance: { summary: "the edgecloudsim-app4 world against EdgeCloudSim's measured numbers", load: async () => (await import("./conformance.ts")).conformanceCommand },
};

const HELP = `mecbench: IoT task offloading in Multi-access Edge Computing, simulated and benchmarked

Usage: mecbench <command> [options]   (mecbench <command> --help for each)

${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(20)}${c.summary}`).join("\n")}
`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(HELP);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    const guess = didYouMean(name, Object.keys(COMMANDS));
    process.stderr.write(`mecbench: unknown command "${name}"${guess ? ` (did you mean ${guess}?)` : ""}. Commands: ${Object.keys(COMMANDS).join(", ")}\n`);
    return 2;
  }
  try {
    return await (await command.load())(rest);
  } catch (err) {
    if (err instanceof InputError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`mecbench ${name}: ${message}\n`);
    if (process.env.MECBENCH_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    else process.stderr.write("(set MECBENCH_DEBUG=1 for the stack trace)\n");
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
