// The results panel's entry (dist/webview.js): restores the view state, mounts the panel, says `ready`, then follows the host.
import "./components";
import type { HostMessage } from "../../src/shared/protocol";
import { PanelApp } from "./panelApp";
import { restoreViewState } from "./state";
import { watchTheme } from "./themeWatch";

// A record over the protocol's message types, so a new host message cannot be left out of this list unnoticed.
const HOST_MESSAGES: Record<HostMessage["type"], true> = {
  results: true,
  running: true,
  progress: true,
  failed: true,
  stopped: true,
  tableView: true,
  tableRows: true,
  copied: true,
  summary: true,
  exported: true,
};

const vscode = acquireVsCodeApi();
const state = restoreViewState(vscode.getState());
const root = document.getElementById("app") ?? document.body.appendChild(document.createElement("div"));
const panel = new PanelApp(vscode, root, state);
vscode.setState(state);
window.addEventListener("message", (event: MessageEvent<unknown>) => {
  if (isHostMessage(event.data)) panel.handle(event.data);
});
watchTheme(() => panel.themeChanged());
vscode.postMessage({ type: "ready" });

function isHostMessage(data: unknown): data is HostMessage {
  return typeof data === "object" && data !== null && Object.hasOwn(HOST_MESSAGES, (data as { type?: unknown }).type as string);
}
