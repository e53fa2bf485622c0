// The look of each policy line, the same in every chart of every report: a reader who learns
// "vermillion circles are the neural network" on Figure 4 can rely on it in Figure 8. Each built-in
// declares its colour and marker in its descriptor: colour-blind safe, the Okabe–Ito palette for
// the paper's methods (Figures 4–8), Paul Tol's "muted" palette for the other policies
// (supplementary figures); every line also has its own marker shape, so two lines never depend on
// colour alone.
import { policyVariant } from "../experiment/policy-variant.ts";
import { BUILTIN_POLICIES } from "../policies/registry.ts";

export interface PolicyStyle {
  colour: string;
  /** A Vega point shape. */
  shape: string;
}

/** A built-in's style, from its descriptor (src/policies/<name>.ts): the one place it is declared. */
function builtinStyle(name: string): PolicyStyle {
  const p = BUILTIN_POLICIES.find((d) => d.name === name);
  if (!p) throw new Error(`palette: ${name} is not a built-in policy`);
  return { colour: p.colour, shape: p.marker };
}

/** The methods of the paper's Figures 4–8, in its legend order; the neural network in both label modes
 * (the outcome mode is a sweep variant, not a descriptor: its style is declared here). */
export const PAPER_METHODS: readonly (readonly [id: string, style: PolicyStyle])[] = [
  ["neural-network", builtinStyle("neural-network")],
  ["neural-network[labels=outcome]", { colour: "#CC79A7", shape: "square" }],
  ...["almutairi", "utilization-based", "sonmez", "flores"].map((n) => [n, builtinStyle(n)] as const),
];

/** The other built-in policies (supplementary figures), in registry order. */
const OTHERS: readonly (readonly [id: string, style: PolicyStyle])[] = BUILTIN_POLICIES
  .filter((p) => !PAPER_METHODS.some(([m]) => m === p.name))
  .map((p) => [p.name, builtinStyle(p.name)] as const);

/** For policies (or option variants) not listed above: assigned in name order, so still stable. */
const SPARE: readonly PolicyStyle[] = [
  { colour: "#000000", shape: "circle" }, { colour: "#777777", shape: "square" }, { colour: "#BBBBBB", shape: "triangle-up" },
  { colour: "#0072B2", shape: "diamond" }, { colour: "#D55E00", shape: "diamond" }, { colour: "#009E73", shape: "diamond" },
];

export const KNOWN_ORDER: readonly string[] = [...PAPER_METHODS, ...OTHERS].map(([id]) => id);

/**
 * The paper method a sweep policy is, or undefined: `neural-network` and `neural-network[labels=expert]`
 * are the expert mode, `neural-network[labels=outcome]` the outcome mode; any other option makes a
 * supplementary variant.
 */
export function paperMethod(id: string): string | undefined {
  let v;
  try {
    v = policyVariant(id);
  } catch {
    return undefined;
  }
  const keys = Object.keys(v.options);
  if (v.name === "neural-network") {
    if (keys.some((k) => k !== "labels" && k !== "backend")) return undefined;
    const labels = v.options.labels ?? "expert";
    return labels === "expert" ? "neural-network" : labels === "outcome" ? "neural-network[labels=outcome]" : undefined;
  }
  if (keys.length > 0) return undefined;
  return PAPER_METHODS.some(([m]) => m === v.name) ? v.name : undefined;
}

/** The style of a known policy, or undefined for one that takes a spare. */
export function knownStyle(id: string): PolicyStyle | undefined {
  const key = paperMethod(id) ?? id;
  return [...PAPER_METHODS, ...OTHERS].find(([k]) => k === key)?.[1];
}

export function spareStyle(i: number): PolicyStyle {
  return SPARE[i % SPARE.length]!;
}
