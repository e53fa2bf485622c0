// One colour and one label per policy, the same in every chart of every report: a reader who
// learns "red is the neural network" on Figure 4 must be able to rely on it in Figure 8.

/** Known policies in display order: the paper's method, its four baselines, then ours. */
const KNOWN: readonly (readonly [name: string, colour: string])[] = [
  ["neural-network", "#d62728"],
  ["almutairi", "#9467bd"],
  ["utilization-based", "#1f77b4"],
  ["sonmez", "#2ca02c"],
  ["flores", "#ff7f0e"],
  ["network-based", "#8c564b"],
  ["hybrid", "#e377c2"],
  ["first-fit", "#7f7f7f"],
  ["random", "#bcbd22"],
  ["expert-rules", "#17becf"],
  ["greedy-min-service", "#393b79"],
];

/** For policies registered after this map was written; assigned in name order, so still stable. */
const SPARE = ["#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363", "#bd9e39"];

/** Policies whose implementation is our reconstruction of an under-specified paper (docs/baselines.md §6). */
const RECONSTRUCTIONS = new Set(["almutairi"]);

/** Paper policy names (paper-reported.json) → mecbench policy names. */
const PAPER_TO_OURS: Record<string, string> = { "fuzzy-logic": "almutairi" };

export function policyFromPaper(paperName: string): string {
  return PAPER_TO_OURS[paperName] ?? paperName;
}

/** The label every chart and table shows: reconstructions say so. */
export function policyLabel(name: string): string {
  return RECONSTRUCTIONS.has(name) ? `${name} (reconstruction)` : name;
}

export function isReconstruction(name: string): boolean {
  return RECONSTRUCTIONS.has(name);
}

/** Known policies first, in the fixed order, then unknown ones by name. */
export function sortPolicies(names: Iterable<string>): string[] {
  const unique = [...new Set(names)];
  const rank = (n: string) => {
    const i = KNOWN.findIndex(([k]) => k === n);
    return i < 0 ? KNOWN.length : i;
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
}

/** The palette for a set of policies; unknown policies take spare colours in name order. */
export function policyPalette(names: Iterable<string>): PolicyPalette {
  const sorted = sortPolicies(names);
  let spare = 0;
  const colours = sorted.map((n) => KNOWN.find(([k]) => k === n)?.[1] ?? SPARE[spare++ % SPARE.length]!);
  return { names: sorted, labels: sorted.map(policyLabel), colours };
}
