// index.html: one self-contained page. vega, vega-lite and vega-embed are inlined, every spec is
// inlined as JSON, so the page opens from file:// with no network. It sets
// document.body.dataset.chartsRendered once every chart has been embedded (the browser test waits on it).
import type { Bundle } from "./bundles.ts";
import { tally, verdictText, type ClaimResult } from "./claim-helpers.ts";
import type { ChartDef } from "./figures.ts";
import type { NumberTable } from "./number-tables.ts";

export interface PageInput {
  title: string;
  facts: [string, string][];
  charts: ChartDef[];
  tables: NumberTable[];
  intro: string[];
  claims: ClaimResult[];
  bundles: Bundle[];
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** JSON safe inside <script>: "<" cannot start "</script>" or "<!--" once written as \u003c. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

function tableHtml(t: NumberTable): string {
  const head = t.header.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const rows = t.rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th>${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join("")}</tr>`).join("\n");
  return `<table id="${t.id}"><caption>${escapeHtml(t.title)}</caption><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function claimsHtml(claims: ClaimResult[]): string {
  const rows = claims.map((c) => {
    const cls = { reproduced: "ok", "not reproduced": "no", inconclusive: "maybe", "not comparable": "na", "not in this sweep": "na" }[c.verdict];
    return `<tr><td>${c.figure}</td><td>${escapeHtml(c.claim)}</td><td>${escapeHtml(c.paper)}</td><td>${escapeHtml(c.ours)}</td><td class="${cls}">${escapeHtml(verdictText(c))}</td><td>${escapeHtml(c.why)}</td></tr>`;
  });
  return `<p class="tally">${escapeHtml(tally(claims))}</p>
<table class="claims"><thead><tr><th>Fig.</th><th>paper's claim</th><th>paper</th><th>ours: mean [95 % CI] (replicas; completed tasks, failed %)</th><th>verdict</th><th>why</th></tr></thead><tbody>
${rows.join("\n")}
</tbody></table>`;
}

/** "Load. In this sweep ..." → the lead word in bold, so a reader can skim the notes. */
function introParagraph(p: string): string {
  const m = /^(\w[\w ]{0,20})\. (.*)$/s.exec(p);
  return m ? `<p><strong>${escapeHtml(m[1]!)}.</strong> ${escapeHtml(m[2]!)}</p>` : `<p>${escapeHtml(p)}</p>`;
}

const STYLE = `
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; margin: 0 auto; max-width: 1200px; padding: 1em 2em; color: #222; }
h1 { font-size: 1.5em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 2em; }
table { border-collapse: collapse; margin: 1em 0; font-size: .85em; }
th, td { border: 1px solid #ddd; padding: .25em .5em; text-align: left; vertical-align: top; }
caption { text-align: left; font-weight: bold; padding: .3em 0; }
.facts th { background: #f6f6f6; white-space: nowrap; }
.chart { margin: .5em 0 1.5em; min-height: 100px; }
.files { font-size: .8em; color: #666; }
td.ok { background: #e3f4e1; } td.no { background: #fbe3e1; } td.na { background: #eee; color: #666; } td.maybe { background: #fdf3d8; }
.claims td:nth-child(2) { min-width: 14em; } .claims td:nth-child(4) { max-width: 22em; }
.claims td:nth-child(6) { min-width: 22em; font-size: .95em; }
nav ul { columns: 2; }`;

export function pageHtml(input: PageInput): string {
  const specs = Object.fromEntries(input.charts.map((c) => [c.id, c.spec]));
  const charts = input.charts.map((c) => `<section id="${c.id}">
<h3>${escapeHtml(c.title)}</h3>
<p>${escapeHtml(c.description)}</p>
<div class="chart" id="chart-${c.id}"></div>
<p class="files">Files: <a href="${c.id}.vl.json">${c.id}.vl.json</a> · <a href="${c.id}.svg">${c.id}.svg</a> · <a href="${c.id}.png">${c.id}.png</a></p>
</section>`);
  const facts = input.facts.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join("\n");
  const toc = input.charts.map((c) => `<li><a href="#${c.id}">${escapeHtml(c.title)}</a></li>`).join("");
  const scripts = input.bundles.map((b) => `<script>/* ${b.name} ${b.version} (inlined) */\n${b.code}\n</script>`).join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(input.title)}</h1>
<nav><ul>${toc}<li><a href="#numbers">Numbers</a></li><li><a href="#reproduction">Reproduction notes</a></li><li><a href="#manifest">Manifest</a></li></ul></nav>
<h2 id="charts">Charts</h2>
${charts.join("\n")}
<h2 id="numbers">Numbers behind the charts</h2>
${input.tables.map(tableHtml).join("\n")}
<h2 id="reproduction">Reproduction notes</h2>
${input.intro.map(introParagraph).join("\n")}
${claimsHtml(input.claims)}
<h2 id="manifest">Manifest</h2>
<table class="facts">${facts}</table>
${scripts}
<script type="application/json" id="specs">${scriptJson(specs)}</script>
<script>
(function () {
  var specs = JSON.parse(document.getElementById("specs").textContent);
  var jobs = Object.keys(specs).map(function (id) {
    var el = document.getElementById("chart-" + id);
    return vegaEmbed(el, specs[id], { actions: false, renderer: "svg" }).catch(function (err) {
      console.error("chart " + id + " failed: " + err);
      el.textContent = "This chart failed to render: " + err;
    });
  });
  Promise.all(jobs).then(function () { document.body.dataset.chartsRendered = "true"; });
})();
</script>
</body>
</html>
`;
}
