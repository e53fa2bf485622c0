// Reproduction verdicts: a printed value inside tolerance is reproduced, a distant one is not and
// says why (load, units, the two worlds), a missing policy or device count is "not in this sweep".
import { describe, expect, it } from "vitest";
import { evaluateClaims } from "../src/report/claims.ts";
import { ResultTable } from "../src/report/table.ts";
import { syntheticRows } from "./fixtures/report/helpers.ts";

const METRICS = ["service_time_s", "network_delay_s", "processing_time_s", "failed_task_pct", "vm_utilization_pct", "offered_load_rho", "completed"];
const POLICIES = ["neural-network", "almutairi", "utilization-based", "sonmez", "flores"];

/** A world that matches the paper's Fig. 4 points for the NN and misses them for the baselines. */
function table(devices: number[], policies = POLICIES, rho = 8): ResultTable {
  return new ResultTable(syntheticRows(devices, policies, METRICS, (d, p, m, r) => {
    const jitter = (r - 1) * 0.01;
    if (m === "offered_load_rho") return (rho * d) / 200;
    if (m === "service_time_s") return (p === "neural-network" ? 0.74 + (0.23 * (d - 200)) / 1800 : 10 + d / 100) + jitter;
    if (m === "failed_task_pct") return (p === "neural-network" ? 0.5 : 50) + jitter;
    if (m === "network_delay_s") return 0.5 + jitter;
    if (m === "completed") return 1000;
    return 1 + jitter;
  }));
}

const find = (claims: ReturnType<typeof evaluateClaims>, text: string) => claims.find((c) => c.claim.includes(text))!;

describe("reproduction claims", () => {
  const claims = evaluateClaims(table([200, 1000, 2000]), "paper");

  it("marks a value within tolerance as reproduced", () => {
    const c = find(claims, "service time of neural-network (expert labels) at 200 devices");
    expect(c.verdict).toBe("reproduced");
    expect(c.paper).toBe("0.738 s");
    // The numbers the verdict rests on: mean, CI, replicas, completed tasks, failure rate.
    expect(c.ours).toMatch(/^0\.74 s \[[\d.]+, [\d.]+\] \(n=3; 3000 completed, 0\.5 % failed\)$/);
  });

  it("explains a miss with the offered load and the two worlds", () => {
    const c = find(claims, "service time of utilization-based at 200 devices");
    expect(c.verdict).toBe("not reproduced");
    expect(c.why).toContain("offered load ρ = 8");
    expect(c.why).toContain("sample_app4");
  });

  it("converts the paper's ms network delays and calls them physically impossible", () => {
    const c = find(claims, "network delay of neural-network (expert labels) at 2000 devices");
    expect(c.paper).toBe("0.262 ms");
    expect(c.ours).toContain("= 500 ms");
    expect(c.verdict).toBe("not reproduced");
    expect(c.why).toContain("physically impossible");
  });

  it("labels the reconstruction and uses 1 percentage point for small failure rates", () => {
    expect(find(claims, "task failure rate of almutairi (reconstruction) at 2000").why).toContain("reconstruction");
    expect(find(claims, "task failure rate of neural-network (expert labels) at 200 devices").verdict).toBe("reproduced");
  });

  it("evaluates the claims in words", () => {
    expect(find(claims, "lowest service time at every device count").verdict).toBe("reproduced");
    expect(find(claims, "service time stays nearly flat").verdict).toBe("reproduced");
    expect(find(claims, "lowest task failure rate").verdict).toBe("reproduced");
    expect(find(claims, "failure rates order").verdict).toBe("not reproduced");
  });

  it("says 'not in this sweep' for missing device counts and policies", () => {
    const partial = evaluateClaims(table([200], ["utilization-based", "random"]), "paper");
    expect(find(partial, "service time of flores at 2000").verdict).toBe("not in this sweep");
    expect(find(partial, "service time of flores at 2000").why).toContain("no sweep point at 2000");
    expect(find(partial, "service time of neural-network (expert labels) at 200").why).toContain("not run");
    expect(find(partial, "lowest service time at every device count").verdict).toBe("not in this sweep");
    expect(partial.every((c) => ["reproduced", "not reproduced", "inconclusive", "not comparable", "not in this sweep"].includes(c.verdict))).toBe(true);
  });

  it("calls a miss inconclusive when our wide CI still contains the paper's value", () => {
    // Replicas 0.5, 2.5, 4.5 s: mean 2.5 s is far from 1.8 s, the t-interval (n = 3) contains it.
    const wide = new ResultTable(syntheticRows([200], ["utilization-based"], ["service_time_s"], (_d, _p, _m, r) => 0.5 + 2 * r));
    const c = find(evaluateClaims(wide, "paper"), "service time of utilization-based at 200 devices");
    expect(c.verdict).toBe("inconclusive");
    expect(c.why).toContain("more replicas");
  });

  it("covers every printed value of paper-reported.json, in figure order", () => {
    expect(claims.filter((c) => !/^[A-Z]/.test(c.claim))).toHaveLength(37);
    expect(claims.map((c) => c.figure)).toEqual([...claims.map((c) => c.figure)].sort((a, b) => a - b));
  });
});
