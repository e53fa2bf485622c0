// summary.md: the page's numbers, notes and provenance as Markdown tables, for reading in a
// terminal, a pull request or a diff between two sweeps.
import { tally, verdictText, type ClaimResult } from "./claim-helpers.ts";
import type { ChartDef } from "./figures.ts";
import type { NumberTable } from "./number-tables.ts";

export interface MarkdownInput {
  title: string;
  facts: [string, string][];
  charts: ChartDef[];
  tables: NumberTable[];
  intro: string[];
  claims: ClaimResult[];
}

/**
 * Text from the sweep (scenario name, description, command line, manifest values) as Markdown
 * that shows it literally: HTML tags and entities become text (as index.html escapes them), and
 * brackets cannot start a link or an image that a viewer would fetch.
 */
export const mdText = (s: string) =>
  s.replace(/\\/g, "\\\\").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/([[\]])/g, "\\$1");

/** A table cell: literal text; pipes would split the cell, newlines would end the row. */
const cell = (s: string) => mdText(s).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

function mdTable(header: string[], rows: string[][]): string {
  return [`| ${header.map(cell).join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n");
}

export function summaryMarkdown(input: MarkdownInput): string {
  const parts: string[] = [`# ${mdText(input.title).replace(/\r?\n/g, " ")}`, ""];
  parts.push("## Manifest", "", mdTable(["", ""], input.facts), "");
  parts.push("## Charts", "");
  for (const c of input.charts) {
    parts.push(`### ${mdText(c.title)}`, "", mdText(c.description), "", `![${mdText(c.title)}](${c.id}.png)`, "", `Files: [${c.id}.png](${c.id}.png) · [${c.id}.svg](${c.id}.svg) · [${c.id}.vl.json](${c.id}.vl.json)`, "");
  }
  parts.push("## Numbers", "");
  for (const t of input.tables) parts.push(`### ${mdText(t.title)}`, "", mdTable(t.header, t.rows), "");
  parts.push("## Reproduction notes", "");
  for (const p of input.intro) parts.push(mdText(p).replace(/^(\w[\w ]{0,20})\. /, "**$1.** "), "");
  parts.push(tally(input.claims), "");
  parts.push(mdTable(["Fig.", "paper's claim", "paper", "ours: mean [95 % CI] (replicas; completed tasks, failed %)", "verdict", "why"], input.claims.map((c) => [String(c.figure), c.claim, c.paper, c.ours, verdictText(c), c.why])), "");
  return parts.join("\n");
}
