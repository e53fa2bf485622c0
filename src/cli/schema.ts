// mecbench schema: the JSON Schema of scenario files, for editors ("$schema" in a scenario file).
import { writeFileSync } from "node:fs";
import { scenarioJsonSchema } from "../scenario/schema.ts";
import { InputError } from "../scenario/errors.ts";
import { parseCommandArgs } from "./args.ts";
import { outputPathProblem } from "./output-path.ts";

export async function schemaCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs("schema", argv, { out: { type: "string" } });
  if (values.help) {
    process.stdout.write("mecbench schema [--out FILE]: print (or write) the JSON Schema of scenario files\n");
    return 0;
  }
  const outProblem = outputPathProblem("--out", values.out, "file");
  if (outProblem) throw new InputError("mecbench schema", [outProblem]);
  const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
  if (values.out) writeFileSync(values.out, text);
  else process.stdout.write(text);
  return 0;
}
