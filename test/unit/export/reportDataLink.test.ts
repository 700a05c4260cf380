// The HTML report written beside its CSV (Save Results to Folder) links to it, relative; without one it links nothing.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { simulate } from "../../../src/engine";
import { renderHtmlReport } from "../../../src/export/htmlReport";
import { workTokenModel } from "../helpers";

// Built by `node esbuild.mjs`, which runs before the unit tests.
const rendererPath = join(__dirname, "..", "..", "..", "dist", "report.js");
const results = simulate(workTokenModel({ timesteps: 4 }));

/** The report's markup without its inlined scripts (the renderer has links of its own in its text). */
function markup(html: string): string {
  return html.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/gi, "$1</script>");
}

test("the report links to its CSV by a relative href, visibly, in the header", () => {
  const html = markup(renderHtmlReport(results, { file: "workToken.sim.ts", engineMs: 1, dataHref: "workToken-run-3.csv" }, { rendererPath }));
  const header = /<header>[\s\S]*?<\/header>/.exec(html)?.[0] ?? "";
  assert.match(header, /<p class="data">Data: <a href="workToken-run-3\.csv">workToken-run-3\.csv<\/a><\/p>/);
  assert.equal(html.match(/<a\b/g)?.length, 1, "one link");
});

test("a name that would read as a URL scheme stays a relative path; odd characters are encoded and escaped", () => {
  const html = markup(renderHtmlReport(results, { file: "m.sim.ts", engineMs: 1, dataHref: 'javascript:alert("x") <b>.csv' }, { rendererPath }));
  assert.match(html, /<a href="\.\/javascript:alert\(%22x%22\)%20%3Cb%3E\.csv">javascript:alert\(&quot;x&quot;\) &lt;b&gt;\.csv<\/a>/);
});

test("without data beside it, the report links nothing", () => {
  const html = markup(renderHtmlReport(results, { file: "workToken.sim.ts", engineMs: 1 }, { rendererPath }));
  assert.doesNotMatch(html, /<a\b/);
  assert.doesNotMatch(html, /class="data"/);
});
