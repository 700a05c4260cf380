// Draws a list of planned charts into one container, one figure each, in order; a chart whose spec inputs are unchanged
// keeps its drawing, and a newer draw supersedes one still in progress.
import type { View } from "vega";
import type { ChartOptions } from "../../src/shared/chartOptions";
import type { ChartPlan } from "./chartPlan";
import { BRUSH } from "../../src/shared/chartSpecs";
import { renderVegaLite } from "./vegaView";

/** How a draw ended: every chart drawn, one or more failed, or a newer draw took over. */
export type DrawOutcome = "ready" | "error" | "superseded";

/** A time range brushed on a chart (dragged across it), from and to. */
export type OnBrush = (range: [number, number]) => void;

/** Adds page-specific parts to a new chart figure (attributes, buttons); `view` gives its drawn view, once drawn. */
export type DecorateFigure = (figure: HTMLElement, plan: ChartPlan, view: () => View | undefined) => void;

interface Entry {
  plan: ChartPlan;
  figure: HTMLElement;
  /** Vega draws into this inner element, which it labels for assistive tech itself; the figure keeps the title. */
  box: HTMLElement;
  signature: string;
  view?: View;
  drawn: boolean;
}

/** The figures of one container, kept in step with the plans of each `draw`. */
export class ChartBoard {
  private entries: Entry[] = [];
  private generation = 0;

  constructor(
    readonly element: HTMLElement,
    private readonly decorate?: DecorateFigure,
    private readonly onBrush?: OnBrush,
  ) {}

  /**
   * Shows `plans` in order, drawing those not already drawn with the same inputs. `dataVersion` names the data the
   * plans read: a new version redraws every chart. With no plans, `emptyNote` is shown instead.
   */
  async draw(plans: readonly ChartPlan[], options: ChartOptions, dataVersion: number, emptyNote: string): Promise<DrawOutcome> {
    const mine = ++this.generation;
    const previous = new Map(this.entries.map((e) => [e.plan.key, e]));
    const next: Entry[] = plans.map((plan) => {
      const signature = `${dataVersion}|${signatureOf(plan, options)}`;
      const old = previous.get(plan.key);
      if (old && old.drawn && old.signature === signature) {
        previous.delete(plan.key);
        return old;
      }
      return this.newEntry(plan, signature);
    });
    for (const old of previous.values()) old.view?.finalize();
    this.entries = next;
    this.element.replaceChildren(...next.map((e) => e.figure));
    if (next.length === 0) this.element.append(note(emptyNote));
    let failed = false;
    for (const entry of next) {
      if (entry.drawn) continue;
      try {
        const view = await renderVegaLite(entry.box, entry.plan.spec(options));
        if (!this.entries.includes(entry)) {
          view.finalize();
          return "superseded";
        }
        entry.view = view;
        entry.drawn = true;
        if (this.onBrush) this.watchBrush(entry.box, view, this.onBrush);
      } catch (err) {
        if (!this.entries.includes(entry)) return "superseded";
        failed = true;
        console.error(`substep: chart '${entry.plan.title}' failed`, err);
        entry.box.replaceChildren(note(`This chart could not be drawn: ${err instanceof Error ? err.message : String(err)}`, "chart-error"));
      }
      if (mine !== this.generation) return "superseded";
    }
    return failed ? "error" : "ready";
  }

  /** The drawn view of the chart at `index` in the current order. */
  viewAt(index: number): { plan: ChartPlan; view: View } | undefined {
    const entry = this.entries[index];
    return entry?.view ? { plan: entry.plan, view: entry.view } : undefined;
  }

  /** Forgets every chart: the next draw starts afresh. */
  clear(): void {
    this.generation++;
    for (const e of this.entries) e.view?.finalize();
    this.entries = [];
    this.element.replaceChildren();
  }

  /** Once a drag across the chart ends, its brushed range (a chart without one, a model's own, has none). */
  private watchBrush(box: HTMLElement, view: View, onBrush: OnBrush): void {
    box.addEventListener("pointerup", () => {
      // Vega updates the selection on the same pointerup: read it once its dataflow has run.
      void view.runAsync().then(() => {
        let range: unknown;
        try {
          range = (view.signal(BRUSH) as { timestep?: unknown } | undefined)?.timestep;
        } catch {
          return; // no brush in this chart
        }
        if (Array.isArray(range) && range.length === 2) {
          const [a, b] = (range as number[]).map(Number) as [number, number];
          // A click (no drag) is not a range.
          if (Number.isFinite(a) && Number.isFinite(b) && Math.abs(b - a) >= 1) onBrush([Math.min(a, b), Math.max(a, b)]);
        }
      });
    });
  }

  private newEntry(plan: ChartPlan, signature: string): Entry {
    const figure = document.createElement("figure");
    figure.className = "chart";
    figure.dataset.title = plan.title;
    const box = document.createElement("div");
    figure.append(box);
    const entry: Entry = { plan, figure, box, signature, drawn: false };
    this.decorate?.(figure, plan, () => entry.view);
    return entry;
  }
}

/** What a plan's spec depends on besides the data: model charts ignore the mode and layout. */
function signatureOf(plan: ChartPlan, options: ChartOptions): string {
  const { mode, layout, ...rest } = options;
  return JSON.stringify(plan.kind === "model" ? rest : { mode, layout, ...rest });
}

function note(text: string, className = "note"): HTMLElement {
  const p = document.createElement("p");
  p.className = className;
  p.textContent = text;
  return p;
}
