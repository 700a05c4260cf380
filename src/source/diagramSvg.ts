// The model diagram as a small standalone SVG (the Model Diagram's export), drawn from its nodes.
import type { DiagramNode } from "./diagram";

const COLUMN = 210;
const GAP = 40;
const BOX = 24;
const LINE = 16;
const MAX_LABEL = 28;

/**
 * The diagram as a small standalone SVG: one column per block in substep order (arrows between them), its policies
 * with the signals they emit above the variables it updates; one row per model of an experiment.
 */
export function diagramSvg(nodes: readonly DiagramNode[], title: string): string {
  const rows = nodes.some((n) => n.kind === "model")
    ? nodes.map((n) => ({ heading: n.label, items: n.children }))
    : [{ heading: undefined, items: [...nodes] }];
  const parts: string[] = [];
  let y = 16;
  let width = 2 * GAP;
  for (const row of rows) {
    if (row.heading !== undefined) {
      parts.push(text(GAP / 2, y + 12, row.heading, "heading"));
      y += 28;
    }
    let bottom = y;
    let x = GAP / 2;
    row.items.forEach((node, i) => {
      bottom = Math.max(bottom, blockColumn(parts, node, x, y));
      if (node.kind === "block" && row.items[i + 1]?.kind === "block") {
        parts.push(`<path class="flow" d="M${x + COLUMN + 4} ${y + BOX / 2} h${GAP - 12}" marker-end="url(#arrow)"/>`);
      }
      x += COLUMN + GAP;
    });
    width = Math.max(width, x);
    y = bottom + 24;
  }
  const height = y;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${xml(title)}">`,
    `<title>${xml(title)}</title>`,
    "<style>",
    "text { font: 12px system-ui, -apple-system, 'Segoe UI', sans-serif; fill: #1f2328; }",
    ".heading { font-weight: 600; font-size: 14px; } .block { font-weight: 600; } .note { fill: #59636e; font-style: italic; font-size: 11px; }",
    ".header { fill: #eaeef2; stroke: #8c959f; } .policy { fill: #ddf4ff; stroke: #54aeff; } .variable { fill: #dafbe1; stroke: #4ac26b; }",
    ".flow { stroke: #59636e; stroke-width: 1.5; fill: none; }",
    "</style>",
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="#59636e"/></marker></defs>',
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...parts,
    "</svg>",
  ].join("\n");
}

/** Draws one block (or a note) at x, y; returns the bottom of what it drew. */
function blockColumn(parts: string[], node: DiagramNode, x: number, y: number): number {
  if (node.kind !== "block") {
    parts.push(text(x, y + 14, node.label, "note"));
    return y + LINE;
  }
  parts.push(`<rect class="header" x="${x}" y="${y}" width="${COLUMN}" height="${BOX}" rx="4"/>`, text(x + 8, y + 16, node.label, "block"));
  y += BOX + 8;
  for (const group of node.children) {
    parts.push(text(x, y + 11, `${group.label}${group.children.length === 0 && group.description ? `: ${group.description}` : ""}`, "note"));
    y += LINE;
    for (const item of group.children) {
      parts.push(
        `<rect class="${item.kind}" x="${x}" y="${y}" width="${COLUMN}" height="${BOX}" rx="${item.kind === "policy" ? 12 : 3}"/>`,
        text(x + 10, y + 16, item.label),
      );
      y += BOX + 2;
      if (item.description) {
        parts.push(text(x + 12, y + 11, `${item.kind === "policy" ? "→" : "←"} ${item.description}`, "note"));
        y += LINE;
      }
      y += 4;
    }
    y += 6;
  }
  return y;
}

function text(x: number, y: number, content: string, cls?: string): string {
  const shown = content.length > MAX_LABEL + 6 ? `${content.slice(0, MAX_LABEL + 5)}…` : content;
  return `<text x="${x}" y="${y}"${cls ? ` class="${cls}"` : ""}>${xml(shown)}</text>`;
}

function xml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
