// The API VS Code gives a webview, typed with the panel's protocol.
import type { PanelViewState, WebviewMessage } from "../../src/shared/protocol";

/** What `acquireVsCodeApi()` returns, as the panel uses it. */
export interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  /** What the last `setState` kept (across hide and reload), or undefined. */
  getState(): unknown;
  setState(state: PanelViewState): void;
}

declare global {
  /** Defined by VS Code in every webview; callable once. */
  function acquireVsCodeApi(): VsCodeApi;
}
