// One label and one style per policy, the same in every chart of every report. A sweep policy may
// carry options (`neural-network[labels=outcome]`, src/experiment/policy-variant.ts); the label
// says which mode a line is. Colours and marker shapes come from palette.ts (the built-ins'
// descriptors); reconstructions and paper names are the descriptors' too.
import { BUILTIN_POLICIES } from "../policies/registry.ts";
import { KNOWN_ORDER, knownStyle, paperMethod, spareStyle } from "./palette.ts";

/** Policies whose implementation is our reconstruction of an under-specified paper (docs/baselines.md §6). */
const RECONSTRUCTIONS = new Set(BUILTIN_POLICIES.filter((p) => p.reconstruction).map((p) => p.name));

/** Paper policy names (paper-reported.json) → mecbench policy names. */
const PAPER_TO_OURS: Record<string, string> = Object.fromEntries(
  BUILTIN_POLICIES.filter((p) => p.paperName !== undefined).map((p) => [p.paperName, p.name]),
);

/** Labels of the neural network's two label modes: the paper trains on expert labels. */
const NN_LABELS: Record<string, string> = {
  "neural-network": "neural-network (expert labels)",
  "neural-network[labels=outcome]": "neural-network (outcome labels)",
};

export function policyFromPaper(paperName: string): string {
  return PAPER_TO_OURS[paperName] ?? paperName;
}

/** The registered policy behind a sweep policy ("neural-network[labels=outcome]" → "neural-network"). */
export function basePolicy(id: string): string {
  const i = id.indexOf("[");
  return i < 0 ? id : id.slice(0, i);
}

/** The label every chart and table shows: the neural network's label mode, reconstructions say so. */
export function policyLabel(id: string): string {
  const method = paperMethod(id);
  if (method !== undefined && NN_LABELS[method]) return NN_LABELS[method]!;
  return isReconstruction(id) ? `${id} (reconstruction)` : id;
}

export function isReconstruction(id: string): boolean {
  return RECONSTRUCTIONS.has(basePolicy(id));
}

/** Whether a sweep policy is one of the paper's Figures 4–8 methods (the NN in either label mode). */
export function isPaperMethod(id: string): boolean {
  return paperMethod(id) !== undefined;
}

/** Known policies first, in the fixed order, then unknown ones by name. */
export function sortPolicies(names: Iterable<string>): string[] {
  const unique = [...new Set(names)];
  const rank = (n: string) => {
    const i = KNOWN_ORDER.indexOf(paperMethod(n) ?? n);
    return i < 0 ? KNOWN_ORDER.length : i;
  };
  return unique.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export interface PolicyPalette {
  /** Policy names in display order. */
  names: string[];
  /** Labels in the same order: the colour scale's domain. */
  labels: string[];
  /** Colours in the same order: the colour scale's range. */
  colours: string[];
  /** Marker shapes in the same order: the shape scale's range. */
  shapes: string[];
}

/** The palette for a set of policies in display order; unknown policies take spare styles in name order. */
export function policyPalette(names: Iterable<string>): PolicyPalette {
  return paletteInOrder(sortPolicies(names));
}

/** The palette with the policies in the given order (e.g. a legend ordered by value). */
export function paletteInOrder(order: readonly string[]): PolicyPalette {
  const spares = sortPolicies(order).filter((n) => knownStyle(n) === undefined);
  const styles = order.map((n) => knownStyle(n) ?? spareStyle(spares.indexOf(n)));
  return { names: [...order], labels: order.map(policyLabel), colours: styles.map((s) => s.colour), shapes: styles.map((s) => s.shape) };
}
