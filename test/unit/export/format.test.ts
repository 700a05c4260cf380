// Text formatting: Markdown built from user names (hovers render in untrusted workspaces too) is checked
// with a real Markdown renderer (marked, the one VS Code renders hovers with), not by looking at the text.
import assert from "node:assert/strict";
import { test } from "node:test";
import { marked } from "marked";
import { escapeLinkText, escapeMarkdown, markdownCode } from "../../../src/export/format";

const decode = (html: string): string =>
  html
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

const HOSTILE = [
  "tokens",
  "a`b",
  "`` ![x](http://example.com/i.png) ``",
  "```",
  "` ![x](http://example.com/i.png) `",
  "x\n\n![i](http://example.com/i.png)",
  "[open](command:workbench.action.terminal.new)",
  "<img src=x onerror=alert(1)>",
  " padded ",
  "http://example.com/auto",
];

test("markdownCode: any name is one code span with exactly its text, no link, image or HTML", () => {
  for (const name of HOSTILE) {
    const html = marked
      .parse(`**state variable ${markdownCode(name)}** · initial value 1`, { async: false })
      .trim()
      .replace(/^<p>([\s\S]*)<\/p>$/, "$1");
    assert.doesNotMatch(html, /<(a|img)\b/, `${JSON.stringify(name)} rendered ${html}`);
    const spans = [...html.matchAll(/<code>([\s\S]*?)<\/code>/g)].map((m) => decode(m[1]!));
    assert.deepEqual(spans, [name.replace(/[\r\n]+/g, " ")], `${JSON.stringify(name)} rendered ${html}`);
  }
});

test("escapeMarkdown: any text is shown as it is, never as a link, image, emphasis or HTML", () => {
  for (const text of [...HOSTILE, "*bold* _it_ ~~s~~", "# heading", "1. list", "$(zap) icon"]) {
    const html = marked
      .parse(escapeMarkdown(text), { async: false })
      .trim()
      .replace(/^<p>([\s\S]*)<\/p>$/, "$1");
    assert.doesNotMatch(html, /<(a|img|em|strong|del|code)\b/, `${JSON.stringify(text)} rendered ${html}`);
    assert.equal(decode(html), text.replace(/[\r\n]+/g, " "), `${JSON.stringify(text)} rendered ${html}`);
  }
});

test("escapeLinkText: a file name is the text of exactly one link, shown as it is", () => {
  for (const text of [...HOSTILE, "workToken.sim.ts:21", "a](http://example.com/x) [b", "www.example.com/m.sim.ts", "me@example.com"]) {
    const html = marked
      .parse(`defined at [${escapeLinkText(text)}](file:///model.sim.ts#L21) · emits x`, { async: false })
      .trim()
      .replace(/^<p>([\s\S]*)<\/p>$/, "$1");
    const links = [...html.matchAll(/<a href="([^"]*)">([\s\S]*?)<\/a>/g)];
    assert.equal(links.length, 1, `${JSON.stringify(text)} rendered ${html}`);
    assert.equal(links[0]![1], "file:///model.sim.ts#L21", `${JSON.stringify(text)} rendered ${html}`);
    assert.equal(decode(links[0]![2]!), text.replace(/[\r\n]+/g, " "), `${JSON.stringify(text)} rendered ${html}`);
    assert.doesNotMatch(html, /<(img|code|em|strong)\b/, `${JSON.stringify(text)} rendered ${html}`);
  }
  assert.equal(escapeLinkText("workToken.sim.ts:21"), "workToken.sim.ts:21");
});
