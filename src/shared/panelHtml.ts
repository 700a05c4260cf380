// The results panel's HTML and Content Security Policy, as text: the host fills in VS Code's webview
// URIs (src/extension/common/webviewHtml.ts), the browser tests a test origin, so both serve the same page.
import { escapeHtml } from "../export/format";

/** Where the page's resources are and what may load them. */
export interface PanelPage {
  /** `webview.cspSource`: the origin allowed for styles, images and fonts. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  /** A fresh 128-bit nonce per page: the only scripts that run carry it. */
  nonce: string;
  title: string;
  /** Extra scripts before the bundle (tests only: a stub of the VS Code API), run under the same nonce. */
  preludes?: string[];
}

/** No inline script or style, scripts by nonce only, never 'unsafe-eval' (Vega runs through vega-interpreter). */
function panelCsp(page: Pick<PanelPage, "cspSource" | "nonce">): string {
  return [
    "default-src 'none'",
    `img-src ${page.cspSource} data: blob:`,
    `style-src ${page.cspSource}`,
    `font-src ${page.cspSource}`,
    `script-src 'nonce-${page.nonce}'`,
  ].join("; ");
}

export function panelHtmlText(page: PanelPage): string {
  const preludes = (page.preludes ?? []).map((code) => `<script nonce="${page.nonce}">${code}</script>\n`).join("");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${panelCsp(page)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${page.styleUri}">
<title>${escapeHtml(page.title)}</title>
</head>
<body>
<div id="app"></div>
${preludes}<script nonce="${page.nonce}" src="${page.scriptUri}"></script>
</body>
</html>`;
}
