// Text for numbers, counts, durations and HTML, the same in the CLI, the extension, the report and the panel.
// Pure (no node, vscode or DOM), so the webview imports it too.

/** Up to 6 significant digits, no exponent for everyday magnitudes. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e15)) return n.toExponential(4);
  return String(Number(n.toPrecision(6)));
}

/** `n` with thousands separators: "12,345". */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** "1 row", "3 runs", "12,000 rows": a count and its noun, plural unless it is one. */
export function plural(n: number, word: string, words = `${word}s`): string {
  return `${formatCount(n)} ${n === 1 ? word : words}`;
}

/** "3 runs × 52 steps". */
export function runsBySteps(runs: number, steps: number): string {
  return `${plural(runs, "run")} × ${formatCount(steps)} steps`;
}

/** "12.5 ms", "3.42 s", "2 min 5 s"; "—" for a time that is not one. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Number(ms.toPrecision(3))} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toPrecision(3))} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms - minutes * 60_000) / 1000)} s`;
}

/** Text safe in HTML content and in quoted attribute values: `& < > " '` escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text shown as it is in Markdown: every character Markdown could read as syntax is backslash-escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, " ").replace(/[\\`*_{}[\]()<>#+\-.!|$~&:]/g, "\\$&");
}

/**
 * The text of a Markdown link, mid-line: what could end the link, start code, HTML or emphasis is escaped;
 * a path's dots and colons stay as they are ("workToken.sim.ts:21").
 */
export function escapeLinkText(text: string): string {
  return (
    text
      .replace(/[\r\n]+/g, " ")
      .replace(/[\\`*_[\]()<>!|$~&@]/g, "\\$&")
      // GFM autolinks (www., http://) would be a link inside the link, which ends it.
      .replace(/(www)\./gi, "$1\\.")
      .replace(/:\/\//g, "\\://")
  );
}

/**
 * Inline code in Markdown that no text can break out of: a fence of more backticks than any run in the
 * text, padded with a space (CommonMark strips one from each side), and line breaks as spaces (a blank
 * line would end the paragraph). Names in hovers are the user's, and a hover renders in an untrusted
 * workspace too.
 */
export function markdownCode(text: string): string {
  const flat = text.replace(/[\r\n]+/g, " ");
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return longest > 0 || flat.startsWith(" ") || flat.endsWith(" ") ? `${fence} ${flat} ${fence}` : `${fence}${flat}${fence}`;
}
