// mecbench policies: the registered policies, each with its description and options (with their
// defaults), all read from the policies' descriptors. `--format markdown` prints the table that
// docs/policies.md carries (test/policy-descriptors.test.ts keeps the two equal).
import { POLICY_FAMILY_TITLES } from "../policies/descriptor.ts";
import { optionFields } from "../policies/options.ts";
import { createRegistry } from "../policies/registry.ts";
import type { PolicyDescriptor } from "../policies/types.ts";
import { InputError } from "../scenario/errors.ts";
import { parseCommandArgs } from "./args.ts";

const HELP = `mecbench policies: list the registered offloading policies

Usage: mecbench policies [--format text|markdown|json]

  --format text      (default) name, description, and each option with its default
  --format markdown  the table of policies and options in docs/policies.md
  --format json      one object per policy: name, description, family, options, counters, native id
`;

export async function policiesCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs("policies", argv, { format: { type: "string" } });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const format = values.format ?? "text";
  const policies = createRegistry().list();
  if (format === "text") process.stdout.write(policiesText(policies));
  else if (format === "markdown") process.stdout.write(policiesMarkdown(policies));
  else if (format === "json") process.stdout.write(`${JSON.stringify(policies.map(policyJson), null, 2)}\n`);
  else throw new InputError("mecbench policies", [{ path: "--format", value: format, message: "unknown format", fix: "use --format text, markdown or json" }]);
  return 0;
}

const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

export function policiesText(policies: readonly PolicyDescriptor[]): string {
  const lines: string[] = [];
  for (const p of policies) {
    lines.push(`${p.name.padEnd(22)}${p.description}`);
    for (const f of p.options ? optionFields(p.options) : []) {
      const def = f.defaultValue === undefined ? "no default" : `default ${show(f.defaultValue)}`;
      lines.push(`${"".padEnd(24)}--option ${f.key}=<${f.form}>, ${def}${f.description ? `: ${f.description}` : ""}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

const cell = (text: string) => text.replace(/\|/g, "\\|");

/** The docs table: one row per policy, its options with their forms and defaults, its counters. */
export function policiesMarkdown(policies: readonly PolicyDescriptor[]): string {
  const rows = policies.map((p) => {
    const fields = p.options ? optionFields(p.options) : [];
    const options = fields.length === 0 ? "none" : fields.map((f) => {
      const def = f.defaultValue === undefined ? "no default" : `default \`${show(f.defaultValue)}\``;
      return `\`${f.key}\`: ${f.form}, ${def}${f.description ? `: ${f.description}` : ""}`;
    }).join("<br>");
    const counters = (p.counters ?? []).length === 0 ? "—" : (p.counters ?? []).map((c) => `\`${c}\``).join(", ");
    const family = p.family ? POLICY_FAMILY_TITLES[p.family] : "user";
    return `| \`${p.name}\` | ${family} | ${cell(p.description)} | ${cell(options)} | ${counters} |`;
  });
  return ["| policy | family | description | options | counters |", "|---|---|---|---|---|", ...rows, ""].join("\n");
}

function policyJson(p: PolicyDescriptor) {
  return {
    name: p.name,
    description: p.description,
    family: p.family ?? null,
    options: p.options ? optionFields(p.options) : null,
    counters: p.counters ?? [],
    nativeId: p.native?.id ?? null,
  };
}
