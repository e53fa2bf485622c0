// A policy with options as one line of a sweep: `neural-network[labels=outcome]` runs the
// registered `neural-network` with the option labels=outcome, and its rows, summary and report
// lines carry that whole string as the policy. A plain name is a variant with no options. Values
// are read as `mecbench run --option key=value` reads them: JSON when they parse, else a string.

export interface PolicyVariant {
  /** The registered policy, e.g. "neural-network". */
  name: string;
  /** Options merged over the scenario's policyOptions for this policy. */
  options: Record<string, unknown>;
  /** The sweep's name for it: the text as given, e.g. "neural-network[labels=outcome]". */
  id: string;
}

const FORM = /^([^[\]]+?)(?:\[([^[\]]*)\])?$/;

/** Parse `name` or `name[key=value,key=value]`; a syntax error is returned as a message. */
export function parsePolicyVariant(id: string): PolicyVariant | { error: string } {
  const m = FORM.exec(id.trim());
  if (!m) return { error: "not of the form name or name[key=value,...]" };
  const name = m[1]!.trim();
  const options: Record<string, unknown> = {};
  if (m[2] !== undefined) {
    const items = m[2].split(",").map((s) => s.trim());
    if (items.length === 0 || items.some((s) => s === "")) return { error: "empty option inside [...]" };
    for (const item of items) {
      const eq = item.indexOf("=");
      if (eq <= 0 || eq === item.length - 1) return { error: `option "${item}" is not of the form key=value` };
      const key = item.slice(0, eq).trim();
      if (key in options) return { error: `option "${key}" given twice` };
      options[key] = optionValue(item.slice(eq + 1).trim());
    }
  }
  return { name, options, id: id.trim() };
}

/** parsePolicyVariant for ids already checked by the sweep's resolution. */
export function policyVariant(id: string): PolicyVariant {
  const v = parsePolicyVariant(id);
  if ("error" in v) throw new Error(`policy "${id}": ${v.error}`);
  return v;
}

function optionValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Split a comma-separated policy list, keeping the commas inside [...] with their policy. */
export function splitPolicyList(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of text) {
    if (ch === "[") depth++;
    if (ch === "]") depth = Math.max(0, depth - 1);
    if (ch === "," && depth === 0) {
      out.push(current.trim());
      current = "";
    } else current += ch;
  }
  out.push(current.trim());
  return out.filter((s) => s !== "");
}
