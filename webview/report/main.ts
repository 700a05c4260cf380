// The HTML report's renderer: reads the embedded chart data, builds the controls and draws the charts, offline.
import type { ChartOptions } from "../../src/shared/chartOptions";
import { REPORT_CHARTS_ID, REPORT_DATA_ID, type ReportPayload } from "../../src/shared/reportPayload";
import { ChartBoard } from "../shared/chartBoard";
import { planCharts } from "../shared/chartPlan";
import { themeFromCss } from "../shared/cssTheme";
import { buildControls, type ControlState } from "./controls";

const root = document.getElementById(REPORT_CHARTS_ID);
const source = document.getElementById(REPORT_DATA_ID);
if (root && source?.textContent) start(root, JSON.parse(source.textContent) as ReportPayload);

function start(root: HTMLElement, payload: ReportPayload): void {
  const state: ControlState = { variables: new Set(payload.variables), mode: payload.mode, layout: payload.layout };
  const controls = buildControls(payload.data, state, () => void draw());
  const charts = document.createElement("div");
  charts.className = "charts";
  root.replaceChildren(controls, charts);
  const board = new ChartBoard(charts);
  let drawnWidth = 0;

  async function draw(): Promise<void> {
    root.dataset.state = "rendering";
    // Less the figure's padding and border, so the SVG never needs a scrollbar.
    drawnWidth = Math.floor(charts.clientWidth);
    const options: ChartOptions = { mode: state.mode, layout: state.layout, theme: themeFromCss(root), width: Math.max(320, drawnWidth - 16) };
    const plans = planCharts(payload.data, payload.overlay, state.variables);
    const empty = payload.data.variables.length ? "No variables selected." : "Nothing to chart: the results hold no numeric variables.";
    const outcome = await board.draw(plans, options, 0, empty);
    if (outcome !== "superseded") root.dataset.state = outcome;
  }

  // Charts are sized in pixels when drawn, so a new width or colour scheme means drawing them again.
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  new ResizeObserver(() => {
    if (Math.abs(Math.floor(charts.clientWidth) - drawnWidth) < 8) return;
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => void draw(), 150);
  }).observe(charts);
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => void draw());
  void draw();
}
