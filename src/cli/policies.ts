// mecbench policies: the registered policies with one line each.
import { createRegistry } from "../policies/registry.ts";
import { parseCommandArgs } from "./args.ts";

export async function policiesCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs("policies", argv, {});
  if (values.help) {
    process.stdout.write("mecbench policies: list the registered offloading policies\n");
    return 0;
  }
  for (const p of createRegistry().list()) process.stdout.write(`${p.name.padEnd(22)}${p.description}\n`);
  return 0;
}
