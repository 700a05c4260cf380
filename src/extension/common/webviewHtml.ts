// Webview options and HTML for the results panel (the page and its CSP are built by src/shared/panelHtml.ts).
import { randomBytes } from "node:crypto";
import * as vscode from "vscode";
import { panelHtmlText } from "../../shared/panelHtml";

/** Options for webviews: scripts on, resources only from dist/ and media/. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, "dist"), vscode.Uri.joinPath(extensionUri, "media")],
  };
}

/** The results panel's HTML with a fresh nonce and VS Code's URIs for the bundle and the stylesheet. */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  return panelHtmlText({
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, "dist", "webview.js")).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, "media", "panel.css")).toString(),
    nonce: randomBytes(16).toString("base64"),
    title,
  });
}
