// The look of each policy line, the same in every chart of every report: a reader who learns
// "vermillion circles are the neural network" on Figure 4 can rely on it in Figure 8. Colours are
// colour-blind safe: the Okabe–Ito palette for the paper's methods (Figures 4–8), Paul Tol's
// "muted" palette for the other policies (supplementary figures); every line also has its own marker
// shape, so two lines never depend on colour alone.
import { policyVariant } from "../experiment/policy-variant.ts";

export interface PolicyStyle {
  colour: string;
  /** A Vega point shape. */
  shape: string;
}

/** The methods of the paper's Figures 4–8, in its legend order; the neural network in both label modes. */
export const PAPER_METHODS: readonly (readonly [id: string, style: PolicyStyle])[] = [
  ["neural-network", { colour: "#D55E00", shape: "circle" }],
  ["neural-network[labels=outcome]", { colour: "#CC79A7", shape: "square" }],
  ["almutairi", { colour: "#0072B2", shape: "triangle-up" }],
  ["utilization-based", { colour: "#009E73", shape: "cross" }],
  ["sonmez", { colour: "#E69F00", shape: "triangle-down" }],
  ["flores", { colour: "#56B4E9", shape: "triangle-right" }],
];

/** The other built-in policies, in a fixed order (Tol muted). A shape the paper's methods use is
 * reused only with a clearly different colour: per-app charts draw every policy together. */
const OTHERS: readonly (readonly [id: string, style: PolicyStyle])[] = [
  ["network-based", { colour: "#332288", shape: "diamond" }],
  ["hybrid", { colour: "#88CCEE", shape: "triangle-left" }],
  ["first-fit", { colour: "#44AA99", shape: "wedge" }],
  ["random", { colour: "#999933", shape: "diamond" }],
  ["expert-rules", { colour: "#117733", shape: "triangle-left" }],
  ["greedy-min-service", { colour: "#DDCC77", shape: "square" }],
  ["next-fit", { colour: "#CC6677", shape: "wedge" }],
  ["best-fit", { colour: "#882255", shape: "triangle-down" }],
  ["worst-fit", { colour: "#AA4499", shape: "cross" }],
];

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
