// Rewrites the generated metric table in docs/metrics.md from the catalogue
// (src/results/catalogue.ts); test/metric-catalogue.test.ts checks the two agree.
//   npx tsx scripts/metrics-doc.ts
import { readFileSync, writeFileSync } from "node:fs";
import { catalogueMarkdown, METRICS_DOC_BEGIN, METRICS_DOC_END } from "../src/results/catalogue.ts";

const path = new URL("../docs/metrics.md", import.meta.url);
const docs = readFileSync(path, "utf8");
const begin = docs.indexOf(METRICS_DOC_BEGIN);
const end = docs.indexOf(METRICS_DOC_END);
if (begin < 0 || end < begin) throw new Error("docs/metrics.md lacks the generated-table markers");
writeFileSync(path, `${docs.slice(0, begin + METRICS_DOC_BEGIN.length)}${catalogueMarkdown()}${docs.slice(end)}`);
