// End-to-end driver: a real VS Code (code-server) on a temporary copy of a fixture workspace, the
// extension loaded unpackaged from the repo root (or installed from a .vsix), driven by Debian's
// Chromium through playwright-core.
// Also runs test modules inside the extension host (extensionTestsPath). See test/e2e/README.md.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import * as esbuild from "esbuild";
import { chromium, type BrowserContext, type FrameLocator, type Locator, type Page } from "playwright-core";
import { CHROMIUM_ARGS } from "../panelPage";
import { describeError, withTimeout, type TestResult } from "./results";

/** The repository root: the extension under test (unless SUBSTEP_E2E_EXTENSION names another folder). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");
/** The fixture workspace the tests open (copied first: tests may change files and settings). */
export const FIXTURE_WORKSPACE = path.join(__dirname, "workspace");
/** Where screenshots and logs go. */
export const RESULTS_DIR = path.join(REPO_ROOT, "test-results", "e2e");
/** setup.sh's folder. */
export const E2E_DIR = process.env.E2E_DIR ? path.resolve(process.env.E2E_DIR) : path.join(REPO_ROOT, ".vscode-e2e");
const SCRIPTS = path.join(REPO_ROOT, "scripts", "e2e");
const EXTENSION = path.resolve(process.env.SUBSTEP_E2E_EXTENSION ?? REPO_ROOT);

/** Whether code-server is installed (setup.sh's binary and its stamp of a complete install). */
export function codeServerInstalled(): boolean {
  const dir = path.join(E2E_DIR, "code-server");
  return fs.existsSync(path.join(dir, "node_modules", ".bin", "code-server")) && fs.readdirSync(dir).some((f) => f.startsWith(".installed-"));
}

/** How to start a workbench. */
export interface WorkbenchOptions {
  /** Names the screenshots-on-failure and the log folder; default "workbench". */
  name?: string;
  /** The fixture folder copied to a temporary workspace; default test/e2e/workspace. */
  workspace?: string;
  /**
   * true (default): workspace trust is disabled, so the workspace is trusted. false: trust is enabled
   * and not granted (Restricted Mode).
   */
  trusted?: boolean;
  /** Merged into the user settings.json (e.g. a color theme). */
  settings?: Record<string, unknown>;
  /**
   * A .vsix to install as a user does (code-server --install-extension) instead of loading the repo's
   * extension unpackaged; or a function that makes one (e.g. packages it) in the run folder it is
   * given, which goes when the server stops.
   */
  vsix?: string | ((runDir: string) => Promise<string>);
}

/**
 * Webview resources (asWebviewUri) are named https://*.vscode-resource.vscode-cdn.net/...; the webview's
 * service worker answers them from the workbench, so they never reach that host. One that the service
 * worker did not answer reaches the route that blocks requests off loopback, and is a failure.
 */
function isWebviewResource(url: string): boolean {
  try {
    return new URL(url).hostname.endsWith(".vscode-resource.vscode-cdn.net");
  } catch {
    return false;
  }
}

/** The loopback hosts; every other host a page asks for is a test failure. */
function isLoopback(url: string): boolean {
  if (/^(data|blob|about|chrome|chrome-extension|devtools|vscode-webview|vscode-file):/.test(url)) return true;
  try {
    const host = new URL(url).hostname;
    return host === "127.0.0.1" || host === "localhost" || host === "[::1]" || host.endsWith(".localhost");
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One code-server with one browser page on a fresh copy of a workspace. */
export class Workbench {
  /** The workbench page. */
  readonly page: Page;
  /** The temporary copy of the workspace that VS Code opened. */
  readonly workspace: string;
  /** Requests to hosts other than loopback (blocked, and a failure). */
  readonly offLoopbackRequests: string[];
  private readonly context: BrowserContext;
  private readonly server: CodeServer;
  private readonly consoleLines: string[];
  private stopped = false;

  private constructor(server: CodeServer, context: BrowserContext, page: Page, blocked: string[], consoleLines: string[]) {
    this.server = server;
    this.context = context;
    this.page = page;
    this.workspace = server.workspace;
    this.offLoopbackRequests = blocked;
    this.consoleLines = consoleLines;
  }

  /** Starts code-server and Chromium and waits until the workbench shows the workspace's files. */
  static async open(options: WorkbenchOptions = {}): Promise<Workbench> {
    const server = await CodeServer.start(options);
    try {
      const { context, page, blocked, consoleLines } = await launchBrowser(server);
      const wb = new Workbench(server, context, page, blocked, consoleLines);
      try {
        await page.goto(server.workbenchUrl([]));
        await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
        // Explorer rows appear once the remote file system answers: the workbench is usable.
        await page.locator(".explorer-folders-view .monaco-list-row").first().waitFor({ timeout: 60_000 });
        // Give the empty editor area the keyboard focus (F1, Ctrl+P).
        await page
          .locator(".part.editor")
          .click({ position: { x: 200, y: 200 } })
          .catch(() => {});
      } catch (e) {
        await wb.stop(true);
        throw e;
      }
      return wb;
    } catch (e) {
      await server.stop(true);
      throw e;
    }
  }

  /** Runs a command from the palette (F1) by its full title, e.g. "Substep: Run Simulation". */
  async runCommand(title: string, timeoutMs = 20_000): Promise<void> {
    // The palette's list is built when it opens, and extension contributions arrive a moment after the
    // workbench shows: when the command is not listed yet, close the palette and open it again.
    const input = this.page.locator(".quick-input-widget input");
    const exactly = new RegExp(`^${escapeRegExp(title)}$`);
    const row = this.page
      .locator(".quick-input-list .monaco-list-row")
      .filter({ has: this.page.locator(".label-name", { hasText: exactly }) })
      .first();
    const focused = this.page.locator(".quick-input-list .monaco-list-row.focused .label-name").first();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.page.keyboard.press("F1");
      try {
        // (A modal editor, e.g. Running Extensions, keeps the palette closed until Escape.)
        await input.waitFor({ timeout: 3_000 });
        await input.fill(`>${title}`);
        await row.waitFor({ timeout: 2_000 });
        // Enter on the focused row, moved to the command by the keyboard: the list can be drawn again
        // (commands appear as the extension's context keys change) between finding a row and a click,
        // and a click then lands on its neighbour ("Run Simulation with Options…", say).
        for (let i = 0; i < 10 && !exactly.test(((await focused.textContent({ timeout: 1_000 }).catch(() => "")) ?? "").trim()); i++) {
          await this.page.keyboard.press("ArrowDown");
        }
        if (!exactly.test(((await focused.textContent({ timeout: 1_000 }).catch(() => "")) ?? "").trim()))
          throw new Error(`no row "${title}" could be focused`);
        break;
      } catch (e) {
        await this.page.keyboard.press("Escape");
        if (Date.now() > deadline) throw new Error(`the command palette does not list "${title}"`, { cause: e });
        await sleep(500);
      }
    }
    await this.page.keyboard.press("Enter");
    await this.page
      .locator(".quick-input-widget")
      .waitFor({ state: "hidden", timeout: 5_000 })
      .catch(() => {});
  }

  /** Opens a workspace file through Quick Open (Ctrl+P) and waits for its editor tab to be active. */
  async openFile(relativePath: string): Promise<void> {
    const name = path.basename(relativePath);
    const input = this.page.locator(".quick-input-widget input");
    await this.page.keyboard.press("Control+P");
    await input.waitFor({ timeout: 10_000 });
    await input.fill(relativePath);
    // Quick Open lists recently opened files before it filters: Enter only once the focused row is the file.
    await this.page.locator(".quick-input-list .monaco-list-row.focused .label-name", { hasText: name }).first().waitFor({ timeout: 10_000 });
    await this.page.keyboard.press("Enter");
    // Each editor group has an active tab: the file may be the active one of two groups.
    await this.activeTab(name).first().waitFor({ timeout: 10_000 });
  }

  /** Puts the cursor of the active editor at a line and column (both from 1), through Go to Line/Column. */
  async goTo(line: number, column: number): Promise<void> {
    await this.runCommand("Go to Line/Column...");
    await this.page.keyboard.type(`${line}:${column}`);
    await this.page.keyboard.press("Enter");
  }

  /**
   * The messages of all notifications, read from the Notifications Center (which this opens). The
   * smoke-test driver that the harness needs turns notification toasts off: nothing pops up.
   */
  async notificationMessages(): Promise<string[]> {
    await this.runCommand("Notifications: Show Notifications");
    const center = this.page.locator(".notifications-center");
    await center.waitFor({ timeout: 5_000 });
    await sleep(300); // the list renders just after the center shows
    return center.locator(".notification-list-item-message").allTextContents();
  }

  /** A CodeLens of the visible editors whose text contains `text`. */
  codeLens(text: string): Locator {
    return this.page.locator(".part.editor .monaco-editor .codelens-decoration a", { hasText: text }).first();
  }

  /**
   * What a failed test left on screen, for its report (CI shows only the output): the tabs, an open
   * quick input, and the last lines of the extension's output channel.
   */
  async describeState(): Promise<string> {
    const texts = (locator: Locator) => locator.allTextContents().catch(() => [] as string[]);
    const tabs = await this.page
      .locator(".tabs-container .tab")
      .evaluateAll((els) => els.map((e) => `${e.classList.contains("active") ? "*" : ""}${(e.getAttribute("aria-label") ?? e.textContent ?? "").trim()}`))
      .catch(() => [] as string[]);
    const lines = [`tabs (* active): ${tabs.join(" | ") || "none"}`];
    const quickInput = this.page.locator(".quick-input-widget");
    if (await quickInput.isVisible().catch(() => false)) {
      const title = (await texts(quickInput.locator(".quick-input-title"))).join(" ").trim();
      const value = await quickInput
        .locator("input")
        .first()
        .inputValue({ timeout: 1_000 })
        .catch(() => "");
      const rows = await quickInput
        .locator(".quick-input-list .monaco-list-row")
        .evaluateAll((els) => els.slice(0, 5).map((e) => e.getAttribute("aria-label") ?? e.textContent ?? ""))
        .catch(() => [] as string[]);
      lines.push(`quick input open: title ${JSON.stringify(title)}, input ${JSON.stringify(value)}, rows ${JSON.stringify(rows)}`);
    }
    const log = this.server.substepLog();
    lines.push(
      log
        ? `Substep output (last lines):\n${log
            .trimEnd()
            .split("\n")
            .slice(-12)
            .map((l) => `  ${l}`)
            .join("\n")}`
        : "Substep output: none",
    );
    return lines.join("\n");
  }

  /** The active editor tab whose label contains `label`. */
  activeTab(label: string | RegExp): Locator {
    return this.page.locator(".tabs-container .tab.active", { hasText: label });
  }

  /** The frame of the newest webview's content (a webview is iframe.webview → iframe#active-frame). */
  async webviewFrame(timeoutMs = 30_000): Promise<FrameLocator> {
    const outer = this.page.locator("iframe.webview.ready").last();
    await outer.waitFor({ state: "attached", timeout: timeoutMs });
    const host = outer.contentFrame();
    await host.locator("#active-frame").waitFor({ state: "attached", timeout: timeoutMs });
    return host.locator("#active-frame").contentFrame();
  }

  /** Saves a screenshot of the page (or of one element) as test-results/e2e/NAME.png; returns its path. */
  async screenshot(name: string, of?: Locator): Promise<string> {
    const file = path.join(RESULTS_DIR, `${name}.png`);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    if (of) await of.screenshot({ path: file, timeout: 10_000 });
    else await this.page.screenshot({ path: file, timeout: 10_000 });
    return file;
  }

  /** Closes the browser and stops code-server; keeps the logs in test-results/e2e/logs/NAME. */
  async stop(failed = false): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.context.close().catch(() => {});
    this.server.saveLog("browser-console.log", this.consoleLines.join("\n") + "\n");
    await this.server.stop(failed);
  }
}

/** The browsers and code-servers not stopped yet, for stopEverything. */
const runningBrowsers = new Set<BrowserContext>();
const runningServers = new Set<CodeServer>();

/** Closes every browser and stops every code-server this process started (for an interrupted run). */
export async function stopEverything(): Promise<void> {
  await Promise.all([...runningBrowsers].map((c) => c.close().catch(() => {})));
  await Promise.all([...runningServers].map((s) => s.stop(true)));
}

/** A code-server process started by scripts/e2e/start-code-server.sh, with its run folder. */
class CodeServer {
  readonly name: string;
  readonly runDir: string;
  readonly workspace: string;
  readonly port: number;
  /** Whether the workbench loads the extension under test unpackaged (not installed from a vsix). */
  readonly developmentExtension: boolean;
  private stopping: Promise<void> | undefined;

  private constructor(name: string, runDir: string, workspace: string, port: number, developmentExtension: boolean) {
    this.name = name;
    this.runDir = runDir;
    this.workspace = workspace;
    this.port = port;
    this.developmentExtension = developmentExtension;
  }

  static async start(options: WorkbenchOptions): Promise<CodeServer> {
    if (!codeServerInstalled()) throw new Error(`code-server is not installed in ${E2E_DIR}: run scripts/e2e/setup.sh`);
    const name = options.name ?? "workbench";
    const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "substep-e2e-"));
    const workspace = path.join(runDir, "workspace");
    fs.cpSync(options.workspace ?? FIXTURE_WORKSPACE, workspace, { recursive: true });
    // The WORK token model is the project's own example, not a copy that could drift from it.
    if (!options.workspace || options.workspace === FIXTURE_WORKSPACE)
      fs.copyFileSync(path.join(REPO_ROOT, "examples", "workToken.sim.ts"), path.join(workspace, "workToken.sim.ts"));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      E2E_DIR,
      RUN: path.join(runDir, "server"),
      SUBSTEP_E2E_SETTINGS: JSON.stringify(options.settings ?? {}),
    };
    if (options.trusted === false) delete env.TRUST;
    else env.TRUST = "off";
    delete env.VSIX;
    let step = "making the vsix";
    try {
      if (options.vsix) env.VSIX = typeof options.vsix === "string" ? path.resolve(options.vsix) : await options.vsix(runDir);
      step = "start-code-server.sh";
      // The script takes a free port, but another test run may take it before code-server listens.
      for (let attempt = 1; ; attempt++) {
        try {
          await promisify(execFile)("bash", [path.join(SCRIPTS, "start-code-server.sh"), workspace], { env });
          break;
        } catch (e) {
          const err = e as { stdout?: string; stderr?: string };
          if (attempt === 3 || !/EADDRINUSE/.test(`${err.stderr}${err.stdout}`)) throw e;
        }
      }
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      fs.rmSync(runDir, { recursive: true, force: true });
      throw new Error(`${step} failed: ${err.stderr || err.stdout || describeError(e)}`, { cause: e });
    }
    const port = Number(fs.readFileSync(path.join(runDir, "server", "port"), "utf8"));
    const server = new CodeServer(name, runDir, workspace, port, !options.vsix);
    runningServers.add(server);
    return server;
  }

  get authority(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** The workbench URL: the workspace, the extension under test unpackaged (unless installed), plus more payload entries. */
  workbenchUrl(extraPayload: [string, string][]): string {
    const development: [string, string][] = this.developmentExtension ? [["extensionDevelopmentPath", this.remoteUri(EXTENSION)]] : [];
    const payload = [...development, ...extraPayload];
    return `http://${this.authority}/?folder=${encodeURIComponent(this.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  }

  /** A server-side path as the workbench names it. */
  remoteUri(fsPath: string): string {
    return `vscode-remote://${this.authority}${fsPath}`;
  }

  /** The extension's output channel so far (VS Code writes it to the extension host's log folder), or "". */
  substepLog(): string {
    const found: string[] = [];
    const walk = (dir: string, depth: number): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory() && depth < 6) walk(full, depth + 1);
        else if (entry.name === "Substep.log") found.push(full);
      }
    };
    try {
      walk(path.join(this.runDir, "server", "user-data", "logs"), 0);
    } catch {
      return "";
    }
    return found.map((f) => fs.readFileSync(f, "utf8")).join("");
  }

  /** Writes a file into the test's log folder. */
  saveLog(file: string, text: string): void {
    const dir = path.join(RESULTS_DIR, "logs", this.name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }

  /** Stops the server, copies its logs (server, extension host) and removes the run folder; once. */
  stop(failed: boolean): Promise<void> {
    this.stopping ??= this.doStop(failed).finally(() => runningServers.delete(this));
    return this.stopping;
  }

  private async doStop(failed: boolean): Promise<void> {
    const env = { ...process.env, E2E_DIR, RUN: path.join(this.runDir, "server") };
    await promisify(execFile)("bash", [path.join(SCRIPTS, "stop-code-server.sh")], { env }).catch(() => {});
    const dir = path.join(RESULTS_DIR, "logs", this.name);
    fs.mkdirSync(dir, { recursive: true });
    const serverLog = path.join(this.runDir, "server", "code-server.log");
    if (fs.existsSync(serverLog)) fs.copyFileSync(serverLog, path.join(dir, "code-server.log"));
    const vscodeLogs = path.join(this.runDir, "server", "user-data", "logs");
    if (fs.existsSync(vscodeLogs)) fs.cpSync(vscodeLogs, path.join(dir, "server"), { recursive: true });
    if (failed && process.env.SUBSTEP_E2E_KEEP) console.log(`kept the run folder ${this.runDir}`);
    else fs.rmSync(this.runDir, { recursive: true, force: true, maxRetries: 5 });
  }
}

/** Chromium with a fresh profile in the run folder; requests off loopback are blocked and recorded. */
async function launchBrowser(server: CodeServer) {
  const context = await chromium.launchPersistentContext(path.join(server.runDir, "chromium"), {
    executablePath: "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: CHROMIUM_ARGS,
    // The table's Copy puts rows on the clipboard; the tests read it back.
    permissions: ["clipboard-read", "clipboard-write"],
    // run.ts closes browsers itself on a signal, and then stops code-server (Playwright would exit first).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  runningBrowsers.add(context);
  context.on("close", () => runningBrowsers.delete(context));
  const blocked: string[] = [];
  const block = (url: string) => blocked.includes(url.slice(0, 200)) || blocked.push(url.slice(0, 200));
  // Requests a service worker answers never reach routes: this sees (and aborts) exactly those that
  // would go to the network, webview resources the service worker left unanswered included.
  await context.route(
    (url) => !isLoopback(url.href),
    (route) => {
      block(route.request().url());
      return route.abort("blockedbyclient");
    },
  );
  context.on("request", (r) => {
    if (!isLoopback(r.url()) && !isWebviewResource(r.url())) block(r.url());
  });
  const consoleLines: string[] = [];
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (m) => {
    // The extension host's console reaches the page as "%c INFO color: #33f <text>".
    consoleLines.push(`[${m.type()}] ${m.text().replace(/^%c\s*\w+\s+color:\s*#\w+;?\s*/, "")}`);
  });
  page.on("pageerror", (e) => consoleLines.push(`[pageerror] ${describeError(e)}`));
  return { context, page, blocked, consoleLines };
}

/** A UI test: drives an open workbench; throws to fail. */
export interface UiTest {
  name: string;
  run: (wb: Workbench) => Promise<void>;
  /** Default 60 s. */
  timeoutMs?: number;
}

/** A UI test file: one code-server with these options, its tests run in order on one page. */
export interface UiSuite {
  options?: Omit<WorkbenchOptions, "name">;
  tests: UiTest[];
}

/** Runs a UI suite on a fresh workbench; a failing test leaves a screenshot NAME-fail-K.png. */
export async function runUiSuite(name: string, suite: UiSuite, grep?: RegExp): Promise<TestResult[]> {
  const results: TestResult[] = [];
  const tests = suite.tests.filter((t) => !grep || grep.test(t.name));
  if (tests.length === 0) return results;
  const t0 = Date.now();
  let wb: Workbench;
  try {
    wb = await Workbench.open({ ...suite.options, name });
  } catch (e) {
    return [{ suite: name, name: "the workbench opens", ok: false, ms: Date.now() - t0, error: describeError(e) }];
  }
  let failed = false;
  for (const [k, test] of tests.entries()) {
    const start = Date.now();
    try {
      await withTimeout(test.run(wb), test.timeoutMs ?? 60_000, test.name);
      results.push({ suite: name, name: test.name, ok: true, ms: Date.now() - start });
    } catch (e) {
      failed = true;
      const shot = await wb.screenshot(`${name}-fail-${k + 1}`).catch(() => undefined);
      const state = await wb.describeState().catch((err: unknown) => `(the workbench's state is unknown: ${describeError(err)})`);
      const error = describeError(e) + (shot ? `\n(screenshot: ${path.relative(REPO_ROOT, shot)})` : "") + `\n${state}`;
      results.push({ suite: name, name: test.name, ok: false, ms: Date.now() - start, error });
    }
  }
  if (wb.offLoopbackRequests.length > 0) {
    failed = true;
    results.push({ suite: name, name: "no request leaves loopback", ok: false, ms: 0, error: wb.offLoopbackRequests.join("\n") });
  }
  await wb.stop(failed);
  return results;
}

/**
 * Runs a test module inside VS Code's extension host: bundles `testsModulePath` (TypeScript, `vscode`
 * external) to CommonJS, opens the workbench with it as extensionTestsPath, waits for the workbench's
 * codeAutomationExit, and reads the results the module wrote (host/harness.ts) next to its bundle.
 */
export async function runExtensionHostTests(
  workspace: string,
  testsModulePath: string,
  options: { name?: string; timeoutMs?: number; trusted?: boolean; settings?: Record<string, unknown> } = {},
): Promise<TestResult[]> {
  const name = options.name ?? path.basename(testsModulePath).replace(/\.ts$/, "");
  const t0 = Date.now();
  const fail = (error: string): TestResult[] => [{ suite: name, name: "extension host tests run", ok: false, ms: Date.now() - t0, error }];
  let server: CodeServer;
  try {
    server = await CodeServer.start({ ...options, name, workspace });
  } catch (e) {
    return fail(describeError(e));
  }
  const bundleDir = path.join(server.runDir, "host-tests");
  const bundle = path.join(bundleDir, "index.js");
  const reportFile = path.join(bundleDir, "report.json");
  let failed = true;
  let context: BrowserContext | undefined;
  let consoleLines: string[] = [];
  try {
    await esbuild.build({
      entryPoints: [testsModulePath],
      outfile: bundle,
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      external: ["vscode"],
      sourcemap: "inline",
      logLevel: "error",
    });
    const browser = await launchBrowser(server);
    context = browser.context;
    consoleLines = browser.consoleLines;
    let exit: (code: number) => void = () => {};
    const exited = new Promise<number>((resolve) => (exit = resolve));
    await browser.page.exposeFunction("codeAutomationExit", (code: number) => exit(code));
    await browser.page.goto(server.workbenchUrl([["extensionTestsPath", server.remoteUri(bundle)]]));
    let code: number | string;
    try {
      code = await withTimeout(exited, options.timeoutMs ?? 150_000, "the extension host tests");
    } catch (e) {
      code = describeError(e);
    }
    const results = readReport(reportFile, name);
    if (browser.blocked.length > 0) {
      results.push({ suite: name, name: "no request leaves loopback", ok: false, ms: 0, error: browser.blocked.join("\n") });
    }
    if (results.length === 0 || (code !== 0 && results.every((r) => r.ok))) {
      results.push(...fail(`the extension host exited with ${code}; ${results.length} results reported (see test-results/e2e/logs/${name})`));
    }
    failed = results.some((r) => !r.ok);
    return results;
  } catch (e) {
    return fail(describeError(e));
  } finally {
    await context?.close().catch(() => {});
    server.saveLog("browser-console.log", consoleLines.join("\n") + "\n");
    await server.stop(failed);
  }
}

function readReport(file: string, suite: string): TestResult[] {
  try {
    const results = JSON.parse(fs.readFileSync(file, "utf8")) as TestResult[];
    return results.map((r) => ({ ...r, suite }));
  } catch {
    return [];
  }
}
