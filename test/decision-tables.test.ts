// Per-policy decision tables: hand-built states where the VM each built-in policy must choose
// follows from its definition (docs/policies.md), with the reason on each row. The engine runs the
// ordinary replica; which VM ran each task is read back from the result (test/helpers/placement-world.ts:
// VM of rank r runs the task in 8^r s, so the summed execution time counts tasks per VM).
//
// The world, unless a row changes it: device(s) at access point 0, every task the same (8000 MI,
// no data, no deadline, delay sensitivity 0.5), fifo-cores compute, shared links at 100 Mbps, and
//   host 0 (local):  h0v0 rank 2 (64 s), h0v1 rank 1 (8 s, the fastest local VM), h0v2 rank 3 (512 s)
//   host 1 (remote): h1v0 rank 0 (1 s, the fastest VM anywhere)
//   cloud:           c0 rank 5 (32768 s), c1 rank 4 (4096 s)
// Several devices emit their tasks at the same instant; they are decided one after the other, each
// seeing the load the previous ones put on local VMs (a local task with no upload runs at once).
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createRegistry } from "../src/policies/registry.ts";
import { place, seedWithAccessPoints, type World } from "./helpers/placement-world.ts";

const BASE_WORLD: World = {
  hosts: [[{ rank: 2 }, { rank: 1 }, { rank: 3 }], [{ rank: 0 }]],
  cloud: [{ rank: 5 }, { rank: 4 }],
};
/** One edge VM (busy after one task) so the second task sees a saturated edge tier. */
const ONE_EDGE_VM: World = { hosts: [[{ rank: 1 }]], cloud: [{ rank: 0 }, { rank: 2 }] };
/** Local host with one VM, a remote host with a slow and a fast VM. */
const SMALL_LOCAL: World = { hosts: [[{ rank: 1 }], [{ rank: 2 }, { rank: 0 }]], cloud: [{ rank: 3 }] };

interface Row {
  why: string;
  world: World;
  devices: number;
  /** Tasks per VM; "only <vm>": every completed task ran on that VM, how many is a random draw. */
  expected: Record<string, number> | `only ${string}`;
  /** Extra observable facts (counters, failure reasons). */
  check?: (r: ReturnType<typeof place>["result"]) => void;
}

const PAPER_MODELS = { "neural-network": { modelDir: fileURLToPath(new URL("../models/paper/", import.meta.url)) } };

const w = (patch: Partial<World>, base: World = BASE_WORLD): World => ({ ...base, ...patch });

const TABLES: Record<string, Row[]> = {
  random: [
    // Which VM is a random draw and not derivable. Derivable: a tier whose VM does not admit the task
    // loses it (no retry), so every completed task ran on the one admitting VM and the rest failed for capacity.
    {
      why: "only c0 has the memory: completed tasks ran there (how many is the draw), the others failed for capacity",
      world: { memoryMb: 1000, hosts: [[{ rank: 2, ramMb: 500 }], [{ rank: 0, ramMb: 500 }]], cloud: [{ rank: 1 }] },
      devices: 7,
      expected: "only c0",
      check: (r) => expect(r.counts.counted.completed + r.counts.counted.failedByReason.capacity!).toBe(7),
    },
  ],
  "utilization-based": [
    { why: "mean edge util 0 % ≤ 80: least-loaded edge VM, all idle, tie → lowest id (speed ignored)", world: BASE_WORLD, devices: 1, expected: { h0v0: 1 } },
    { why: "each busy 1-core VM has free share 0: the next idle edge VM by id", world: BASE_WORLD, devices: 3, expected: { h0v0: 1, h0v1: 1, h0v2: 1 } },
    { why: "2nd task: mean edge util 100 % > 80 → least-loaded cloud VM, both idle → c0 (lowest id)", world: ONE_EDGE_VM, devices: 2, expected: { h0v0: 1, c0: 1 } },
    {
      why: "thresholdPct 100: 100 % is not > 100, the 2nd task stays on the edge and queues",
      world: w({ policyOptions: { "utilization-based": { thresholdPct: 100 } } }, ONE_EDGE_VM),
      devices: 2,
      expected: { h0v0: 2 },
    },
    {
      why: "processor sharing, 45 % per task, two local 2-core VMs: mean edge util 0 → 22.5 → 45 → 67.5 % keeps tasks 1–4 on the edge, alternating by free share (ties → lower id); the 5th sees 90 % > 80 → cloud",
      world: { compute: "processor-sharing", utilPct: { edge: 45, cloud: 45 }, hosts: [[{ rank: 2, cores: 2 }, { rank: 0, cores: 2 }]], cloud: [{ rank: 1, cores: 2 }] },
      devices: 5,
      expected: { h0v0: 2, h0v1: 2, c0: 1 },
    },
    {
      why: "processor sharing, 45 %, remote h1v0: a task still in transfer reserves its share for admission but is not in the utilization yet; tasks 2–3 see h1v0 at 0 %, task 4 no longer fits there (90 + 45 > 100) → h0v0",
      world: { compute: "processor-sharing", utilPct: { edge: 45, cloud: 45 }, hosts: [[{ rank: 2, cores: 2 }], [{ rank: 0, cores: 2 }]], cloud: [{ rank: 1, cores: 2 }] },
      devices: 4,
      expected: { h0v0: 2, h1v0: 2 },
    },
  ],
  "greedy-min-service": [
    { why: "smallest estimate: h1v0 (1 s + 2 × 5 ms propagation) beats h0v1 (8 s)", world: BASE_WORLD, devices: 1, expected: { h1v0: 1 } },
    {
      why: "C3: a 1-core VM holding a task has U = 1 > CPU_max 0.9, so the next tasks take h0v1 (8 s), then h0v0 (64 s)",
      world: BASE_WORLD,
      devices: 3,
      expected: { h1v0: 1, h0v1: 1, h0v0: 1 },
    },
    { why: "remote propagation 10 s: h1v0 costs 21 s, h0v1's 8 s wins", world: w({ remotePropagationS: 10 }), devices: 1, expected: { h0v1: 1 } },
  ],
  "expert-rules": [
    {
      why: "T_s 0.9 > 0.7, 8 GI < 10, idle local host: rule local → fastest local VM h0v1",
      world: w({ delaySensitivity: 0.9 }),
      devices: 1,
      expected: { h0v1: 1 },
      check: (r) => expect(r.policyStats).toMatchObject({ ruleLocal: 1, ruleRemote: 0, ruleCloud: 0, ruleGap: 0 }),
    },
    {
      why: "T_s 0.1 < 0.3: rule cloud → fastest cloud VM c1",
      world: w({ delaySensitivity: 0.1 }),
      devices: 1,
      expected: { c1: 1 },
      check: (r) => expect(r.policyStats).toMatchObject({ ruleCloud: 1 }),
    },
    {
      why: "T_s 0.5, 20 GI, remote link 100 Mbps > 50: rule remote → h1v0",
      world: w({ lengthMi: 20_000 }),
      devices: 1,
      expected: { h1v0: 1 },
      check: (r) => expect(r.policyStats).toMatchObject({ ruleRemote: 1 }),
    },
    {
      why: "as above with a 40 Mbps remote link: no rule; smallest estimate over tiers, and 10 s propagation makes h0v1 (8 s) beat h1v0 (21 s)",
      world: w({ lengthMi: 20_000, remoteMbps: 40, remotePropagationS: 10 }),
      devices: 1,
      expected: { h0v1: 1 },
      check: (r) => expect(r.policyStats).toMatchObject({ ruleGap: 1 }),
    },
  ],
  flores: [
    { why: "idle edge (cpu high), no data (small), wan 100 (high), T_s 0.5: rule → local, least-loaded edge VM h0v0", world: BASE_WORLD, devices: 1, expected: { h0v0: 1 } },
    {
      why: "2nd task, T_s 0.9: edge 100 % busy (cpu low), small data, wan high, video high: rule → remote: least-loaded cloud VM c0",
      world: w({ delaySensitivity: 0.9 }, ONE_EDGE_VM),
      devices: 2,
      expected: { h0v0: 1, c0: 1 },
    },
    {
      why: "as above with a 2 Mbps WAN (low): the low-cpu/small/low-wan rules say local; h0v0 again",
      world: w({ delaySensitivity: 0.9, cloudMbps: 2 }, ONE_EDGE_VM),
      devices: 2,
      expected: { h0v0: 2 },
    },
  ],
  sonmez: [
    { why: "stage 1 nearest (both hosts idle, MAN high); stage 2: 3000 MI (low), T_s medium, util low → edge: nearest host's least-loaded VM h0v0", world: w({ lengthMi: 3000 }), devices: 1, expected: { h0v0: 1 } },
    { why: "12 000 MI (medium), wan high, T_s medium, util low → cloud, least-loaded cloud VM c0", world: w({ lengthMi: 12_000 }), devices: 1, expected: { c0: 1 } },
    {
      why: "2nd task: nearest host 100 % (high), remote idle (low), MAN high → remote host; stage 2 util low → that host's VM h1v0",
      world: w({ lengthMi: 3000, hosts: [[{ rank: 1 }], [{ rank: 0 }]] }),
      devices: 2,
      expected: { h0v0: 1, h1v0: 1 },
    },
  ],
  almutairi: [
    { why: "U low → LOCAL: the local VM with the most free MIPS, h0v1", world: BASE_WORLD, devices: 1, expected: { h0v1: 1 } },
    {
      why: "2nd task, T_s 0.9: local host 100 % (U high), D high → OTHER_EDGE: host 1, its VM with the most free MIPS h1v1",
      world: w({ delaySensitivity: 0.9 }, SMALL_LOCAL),
      devices: 2,
      expected: { h0v0: 1, h1v1: 1 },
    },
    {
      why: "2nd task, T_s 0.1: U high, D low, N low → CLOUD (the only cloud VM c0)",
      world: w({ delaySensitivity: 0.1 }, SMALL_LOCAL),
      devices: 2,
      expected: { h0v0: 1, c0: 1 },
    },
  ],
  "network-based": [
    { why: "wan_bw = 100 Mbps / (0 flows + 1) > 6 → least-loaded cloud VM, tie → c0 (slower than c1: speed ignored)", world: BASE_WORLD, devices: 1, expected: { c0: 1 } },
    { why: "wan_bw 5 ≤ 6 → least-loaded edge VM h0v0", world: w({ cloudMbps: 5 }), devices: 1, expected: { h0v0: 1 } },
    { why: "wan_bw exactly 6 is not > 6 → edge h0v0", world: w({ cloudMbps: 6 }), devices: 1, expected: { h0v0: 1 } },
    { why: "EdgeCloudSim network: WAN probe 20 000 Kbps / 1024 = 19.5 Mbps > 6 → cloud c0", world: w({ network: "edgecloudsim" }), devices: 1, expected: { c0: 1 } },
    { why: "EdgeCloudSim network: WAN probe 6144 Kbps / 1024 = 6 Mbps, not > 6 → edge h0v0", world: w({ network: "edgecloudsim", wanKbps: 6144 }), devices: 1, expected: { h0v0: 1 } },
  ],
  hybrid: [
    { why: "wan high but mean edge util 0 % ≤ 80 → edge h0v0", world: BASE_WORLD, devices: 1, expected: { h0v0: 1 } },
    { why: "2nd task: wan 100 > 6 and edge util 100 % > 80 → cloud c0", world: ONE_EDGE_VM, devices: 2, expected: { h0v0: 1, c0: 1 } },
    { why: "2nd task: edge full but wan 5 ≤ 6 → edge h0v0 again (queues)", world: w({ cloudMbps: 5 }, ONE_EDGE_VM), devices: 2, expected: { h0v0: 2 } },
  ],
  "first-fit": [
    { why: "first admitting VM host by host: h0v0", world: BASE_WORLD, devices: 1, expected: { h0v0: 1 } },
    { why: "fifo-cores admits on memory and cores, not on load: all three on h0v0", world: BASE_WORLD, devices: 3, expected: { h0v0: 3 } },
    { why: "h0v0 lacks the 1000 MB: the next VM h0v1", world: w({ memoryMb: 1000, hosts: [[{ rank: 2, ramMb: 500 }, { rank: 1 }, { rank: 3 }], [{ rank: 0 }]] }), devices: 1, expected: { h0v1: 1 } },
  ],
  "next-fit": [
    { why: "host pointer −1 → host 0, its VM pointer −1 → h0v0", world: BASE_WORLD, devices: 1, expected: { h0v0: 1 } },
    { why: "hosts alternate, each keeps its VM pointer: h0v0, h1v0, h0v1, h1v0", world: BASE_WORLD, devices: 4, expected: { h0v0: 1, h1v0: 2, h0v1: 1 } },
  ],
  "best-fit": [
    { why: "all idle (free 100 %), tie → lowest id h0v0", world: BASE_WORLD, devices: 1, expected: { h0v0: 1 } },
    { why: "a busy VM (free 0 %) still admits on fifo-cores and is the least free: all on h0v0", world: BASE_WORLD, devices: 3, expected: { h0v0: 3 } },
    {
      why: "processor sharing, 40 % per task: h0v0 takes two (free 100 → 60 → 20 %), the third does not fit there; least free of the rest (all 100 %) → h0v1",
      world: w({ compute: "processor-sharing", utilPct: { edge: 40, cloud: 40 }, hosts: [[{ rank: 2, cores: 2 }, { rank: 1 }, { rank: 3 }], [{ rank: 0 }]] }),
      devices: 3,
      expected: { h0v0: 2, h0v1: 1 },
    },
  ],
  "worst-fit": [
    { why: "all idle, tie → lowest id h0v0", world: BASE_WORLD, devices: 1, expected: { h0v0: 1 } },
    { why: "most free share: each busy VM drops to 0 %, so the idle ones by id", world: BASE_WORLD, devices: 3, expected: { h0v0: 1, h0v1: 1, h0v2: 1 } },
    {
      why: "processor sharing, 40 % per task: after h0v0 (60 % free) the idle h0v1 (100 %) is the most free",
      world: w({ compute: "processor-sharing", utilPct: { edge: 40, cloud: 40 }, hosts: [[{ rank: 2, cores: 2 }, { rank: 1 }, { rank: 3 }], [{ rank: 0 }]] }),
      devices: 2,
      expected: { h0v0: 1, h0v1: 1 },
    },
  ],
  // Which of several feasible VMs Algorithm 1 takes depends on trained weights and is not derivable
  // by hand; derivable: it only places a task on a feasible VM (C2–C4) and never refuses while one exists.
  "neural-network": [
    {
      why: "only h1v0 has the memory (C4): the one feasible VM",
      world: w({ memoryMb: 1000, hosts: [[{ rank: 2, ramMb: 500 }, { rank: 1, ramMb: 500 }, { rank: 3, ramMb: 500 }], [{ rank: 0 }]], cloud: [{ rank: 5, ramMb: 500 }, { rank: 4, ramMb: 500 }], policyOptions: PAPER_MODELS }),
      devices: 1,
      expected: { h1v0: 1 },
    },
    {
      why: "only c1 has the memory (C4): the one feasible VM",
      world: w({ memoryMb: 1000, hosts: [[{ rank: 2, ramMb: 500 }, { rank: 1, ramMb: 500 }, { rank: 3, ramMb: 500 }], [{ rank: 0, ramMb: 500 }]], cloud: [{ rank: 5, ramMb: 500 }, { rank: 4 }], policyOptions: PAPER_MODELS }),
      devices: 1,
      expected: { c1: 1 },
    },
  ],
};

describe("decision tables", () => {
  for (const [policy, rows] of Object.entries(TABLES)) {
    describe(policy, () => {
      it.each(rows)("$why", (row) => {
        const seed = seedWithAccessPoints(row.world, Array.from({ length: row.devices }, () => 0));
        const { tasksByVm, result } = place(row.world, policy, row.devices, seed);
        if (typeof row.expected === "string") {
          const vm = row.expected.slice("only ".length);
          expect(tasksByVm).toEqual(result.metrics.completed > 0 ? { [vm]: result.metrics.completed } : {});
        } else {
          expect(tasksByVm).toEqual(row.expected);
        }
        row.check?.(result);
      });
    });
  }

  it("covers every built-in policy", () => {
    expect(Object.keys(TABLES).sort()).toEqual(createRegistry().names().sort());
  });
});
