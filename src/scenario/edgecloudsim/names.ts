// EdgeCloudSim's names for orchestrator policies and simulation scenarios, and what they are in
// mecbench. A scenario file has no policy list (policies are chosen per run or sweep), so the
// importer returns the mapped list and writes it into the scenario's description.

/** EdgeCloudSim orchestrator policy -> mecbench policy name. */
export const POLICY_NAMES: Readonly<Record<string, string>> = {
  UTILIZATION_BASED: "utilization-based",
  NETWORK_BASED: "network-based",
  HYBRID: "hybrid",
  FUZZY_BASED: "sonmez",
  FUZZY_COMPETITOR: "flores",
  RANDOM_FIT: "random",
  FIRST_FIT: "first-fit",
  NEXT_FIT: "next-fit",
  BEST_FIT: "best-fit",
  WORST_FIT: "worst-fit",
};

/** Policies other EdgeCloudSim samples and tutorials define, which mecbench does not implement. */
export const UNSUPPORTED_POLICIES: Readonly<Record<string, string>> = {
  ONLY_EDGE: "sample_app3 (mobile processing)",
  ONLY_MOBILE: "sample_app3 (mobile processing)",
  RANDOM: "sample_app5 / tutorials",
  PREDICTIVE: "sample_app5 (vehicular)",
  GAME_THEORY: "sample_app5 (vehicular)",
  MAB: "sample_app5 (vehicular)",
  AI_BASED: "sample_app5 (vehicular)",
  AI_TRAINER: "sample_app5 (vehicular)",
  MOBILE_UTIL_HEURISTIC: "tutorial2",
  EDGE_UTIL_HEURISTIC: "tutorial2",
};

/**
 * The only simulation scenario mecbench models: two tiers with an edge orchestrator that may pick
 * any edge host (remote ones over the MAN) or the cloud. Every mecbench policy works this way.
 */
export const SUPPORTED_SCENARIO = "TWO_TIER_WITH_EO";

/** Known scenarios mecbench refuses, with why: each would change what the policies may choose. */
export const UNSUPPORTED_SCENARIOS: Readonly<Record<string, string>> = {
  SINGLE_TIER: "edge only, never the cloud; mecbench policies always consider the cloud",
  TWO_TIER: "edge restricted to the device's local host; mecbench policies may use remote edge hosts",
  MOBILE_PROCESSING_SCENARIO: "sample_app3 runs tasks on the device itself; mecbench has no mobile tier",
  ITS_SCENARIO: "sample_app5's vehicular world (road mobility, GSM) is not modelled",
};
