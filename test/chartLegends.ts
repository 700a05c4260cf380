// Checks of drawn charts a reader relies on, measured in the browser: every legend entry shown in full inside its chart.
import type { Locator } from "playwright-core";
import { combineResults, simulate, type Model, type Results } from "../src/engine";
import { buildChartData } from "../src/shared/chartData";

/** A sweep with long subset names ("apr = 0.05, fee = 0.003, lockup = 12"), 3 × 3 × 2 = 18 subsets. */
export function longLabelSweep(): Model {
  return {
    name: "Staking sweep with long names",
    initialState: { staked: 1000, rewards: 0 },
    params: { apr: [0.02, 0.05, 0.1], fee: [0.001, 0.003, 0.01], lockup: [12, 24] },
    sweep: "cartesian",
    timesteps: 12,
    runs: 2,
    blocks: [
      {
        policies: { accrue: (p, _s, _h, st) => ({ reward: (st.staked * p.apr * (1 - p.fee)) / 52 }) },
        variables: {
          staked: (_p, _s, _h, st, input) => st.staked + input.reward,
          rewards: (_p, _s, _h, st, input) => st.rewards + input.reward,
        },
      },
    ],
  };
}

/** Two revisions of the sweep compared, as `substep compare` labels them: "HEAD (4f2a1c9) · apr = 0.05, …", 36 groups. */
export function longLabelComparison(): Results {
  return combineResults(["HEAD (4f2a1c9)", "working tree"].map((label) => ({ label, results: simulate(longLabelSweep()) })));
}

/** What is wrong with the legends of the charts in `figures`: labels cut short or missing, or drawn outside the chart. */
export async function legendProblems(figures: Locator, expected: readonly string[]): Promise<string[]> {
  const found = await figures.evaluateAll((els) =>
    els.map((figure) => {
      const f = figure as unknown as Box & { getAttribute(n: string): string | null; querySelector(s: string): Box | null };
      const svg = f.querySelector("svg");
      // A label on several lines is drawn as one tspan a line, broken after a separator's space: read back with it.
      const labels = Array.from(f.querySelectorAll(".role-legend-label text")).map((t) => {
        const lines = Array.from(t.querySelectorAll("tspan")).map((l) => l.textContent ?? "");
        return { text: lines.length ? lines.join(" ") : (t.textContent ?? ""), box: rect(t) };
      });
      return { title: f.getAttribute("data-title") ?? "", figure: rect(f), svg: svg ? rect(svg) : undefined, labels };

      function rect(e: Box): { left: number; right: number; top: number; bottom: number } {
        const r = e.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      }
    }),
  );
  const problems: string[] = [];
  for (const chart of found) {
    if (chart.labels.length === 0) continue;
    const texts = new Set(chart.labels.map((l) => l.text));
    for (const label of expected) if (!texts.has(label)) problems.push(`${chart.title}: '${label}' is not in the legend in full`);
    for (const l of chart.labels) {
      if (l.text.includes("…")) problems.push(`${chart.title}: '${l.text}' is cut short`);
      for (const [name, outer] of [
        ["svg", chart.svg],
        ["figure", chart.figure],
      ] as const) {
        // Half a pixel for subpixel text metrics.
        const inside =
          outer && l.box.left >= outer.left - 0.5 && l.box.right <= outer.right + 0.5 && l.box.top >= outer.top - 0.5 && l.box.bottom <= outer.bottom + 0.5;
        if (!inside) problems.push(`${chart.title}: '${l.text}' (${fmt(l.box)}) lies outside its ${name} (${outer ? fmt(outer) : "none"})`);
      }
    }
  }
  return problems;
}

/** The groups' labels of results, as the charts' legends must show them. */
export function groupLabelsOf(results: Results): string[] {
  return buildChartData(results).groups.map((g) => g.label);
}

interface Box {
  textContent: string | null;
  querySelectorAll(selector: string): ArrayLike<Box>;
  getBoundingClientRect(): { left: number; right: number; top: number; bottom: number };
}

function fmt(r: { left: number; right: number; top: number; bottom: number }): string {
  return `${Math.round(r.left)}–${Math.round(r.right)} × ${Math.round(r.top)}–${Math.round(r.bottom)}`;
}
