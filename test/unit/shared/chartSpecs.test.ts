// Chart specs: they compile with Vega-Lite without warnings, carry the expected encodings, and draw through vega-interpreter.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { simulate, type Model } from "../../../src/engine";
import { buildChartData } from "../../../src/shared/chartData";
import type { ChartLayout, ChartMode } from "../../../src/shared/chartOptions";
import { overlayChartSpec, userChartSpec, variableChartSpec } from "../../../src/shared/chartSpecs";
import { DEFAULT_THEME, themeConfig, type ChartTheme } from "../../../src/shared/chartTheme";
import { legendFor, wrapLabel } from "../../../src/shared/chartLegend";
import { axisGroups, MIN_AXIS_SHARE } from "../../../src/shared/overlayAxes";

// vega and vega-lite are ES modules with top-level await: loaded with import(), which tsx leaves to Node.
let vl: typeof import("vega-lite");
let vega: typeof import("vega");
let interpreter: typeof import("vega-interpreter");
before(async () => {
  vl = await import("vega-lite");
  vega = await import("vega");
  interpreter = await import("vega-interpreter");
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- compiled Vega specs are read as loose JSON: any key, any depth.
type Json = Record<string, any>;

function model(extra: Partial<Model> = {}): Model {
  return {
    name: "walk",
    initialState: { price: 100, lagged: 100, flat: 7, wallet: { balance: 0 } },
    timesteps: 20,
    runs: 4,
    blocks: [
      {
        variables: {
          price: (_p, _s, _h, st, _i, ctx) => st.price + ctx.random.normal(0, 1),
          // Yesterday's price: a variable of the same range, to overlay on one axis.
          lagged: (_p, _s, _h, st) => st.price,
          wallet: (_p, _s, _h, st, _i, ctx) => ({ balance: st.wallet.balance + ctx.random.int(1, 3) }),
        },
      },
    ],
    ...extra,
  };
}

const one = buildChartData(simulate(model()));
const sweep = buildChartData(simulate(model({ params: { drift: [1, 2, 3] } })));

/** Compiles with a logger that collects Vega-Lite's warnings and errors. */
function compile(spec: unknown): { vega: Json; warnings: string[] } {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...args: unknown[]) => void warnings.push(`error: ${args.join(" ")}`),
    warn: (...args: unknown[]) => void warnings.push(`warn: ${args.join(" ")}`),
    info: () => logger,
    debug: () => logger,
  };
  const out = vl.compile(spec as Parameters<typeof vl.compile>[0], { logger: logger as never });
  return { vega: out.spec, warnings };
}

/** Layers of a colour-layout spec, or of a facet's inner spec. */
function layers(spec: unknown): Json[] {
  const s = spec as Json;
  return (s.layer ?? s.spec.layer) as Json[];
}

const MODES: ChartMode[] = ["runs", "mean", "median"];
const LAYOUTS: ChartLayout[] = ["colour", "facet"];

describe("variableChartSpec", () => {
  for (const mode of MODES) {
    for (const layout of LAYOUTS) {
      test(`${mode} in ${layout} compiles without warnings`, () => {
        for (const data of [one, sweep]) {
          for (const variable of data.variables) {
            const { vega: out, warnings } = compile(variableChartSpec(data, variable, { mode, layout, width: 700 }));
            assert.deepEqual(warnings, [], `${variable}`);
            assert.ok(Array.isArray(out.marks) && out.marks.length > 0);
          }
        }
      });
    }
  }

  test("mean mode: a p5–p95 band, the mean line, hover points with the tooltip, coloured by group in order", () => {
    const spec = variableChartSpec(sweep, "price", { mode: "mean", layout: "colour" }) as Json;
    assert.equal(spec.$schema, "https://vega.github.io/schema/vega-lite/v6.json");
    assert.equal(spec.title.text, "price");
    const [band, line, hover] = layers(spec);
    assert.equal(band!.mark.type, "area");
    assert.equal(band!.mark.opacity, 0.2);
    assert.equal(band!.encoding.y.field, "p5");
    assert.equal(band!.encoding.y2.field, "p95");
    assert.equal(line!.mark.type, "line");
    assert.equal(line!.encoding.x.field, "timestep");
    assert.equal(line!.encoding.y.field, "mean");
    assert.equal(line!.encoding.color.field, "group");
    assert.deepEqual(line!.encoding.color.scale.domain, ["drift = 1", "drift = 2", "drift = 3"]);
    assert.deepEqual(
      hover!.encoding.tooltip.map((t: Json) => t.field),
      ["group", "timestep", "mean", "p5", "p95", "runs"],
    );
    assert.equal(hover!.params[0].select.nearest, true);
    assert.equal(spec.data.values.length, 3 * 21, "one row per group and timestep");
    assert.deepEqual(Object.keys(spec.data.values[0]).sort(), ["group", "mean", "median", "p5", "p95", "runs", "timestep", "variable"]);
  });

  test("median mode draws the median", () => {
    const [, line, hover] = layers(variableChartSpec(one, "price", { mode: "median", layout: "colour" }));
    assert.equal(line!.encoding.y.field, "median");
    assert.ok(hover!.encoding.tooltip.some((t: Json) => t.field === "median"));
  });

  test("runs mode: a thin line per run, coloured by group, tooltips per run value when small", () => {
    const spec = variableChartSpec(sweep, "price", { mode: "runs", layout: "colour" }) as Json;
    const [lines, hover] = layers(spec);
    assert.equal(lines!.mark.type, "line");
    assert.equal(lines!.mark.strokeWidth, 1);
    assert.equal(lines!.encoding.y.field, "value");
    assert.equal(lines!.encoding.color.field, "group");
    assert.deepEqual(
      lines!.encoding.detail.map((d: Json) => d.field),
      ["run"],
    );
    assert.deepEqual(
      hover!.encoding.tooltip.map((t: Json) => t.field),
      ["group", "run", "timestep", "value"],
    );
    assert.equal(spec.data.values.length, 3 * 4 * 21);
  });

  test("runs mode with many run values: tooltips read the statistics instead", () => {
    const big = buildChartData(simulate(model({ runs: 50, timesteps: 100 })));
    const spec = variableChartSpec(big, "price", { mode: "runs", layout: "colour" }) as Json;
    const [, hover] = layers(spec);
    assert.deepEqual(hover!.transform, [{ filter: { field: "kind", equal: "stat" } }]);
    assert.ok(hover!.encoding.tooltip.some((t: Json) => t.field === "p95"));
    assert.deepEqual(compile(spec).warnings, []);
  });

  test("facet layout: one small multiple per group, in order, sharing the y scale", () => {
    const spec = variableChartSpec(sweep, "price", { mode: "mean", layout: "facet", width: 900 }) as Json;
    assert.equal(spec.facet.field, "group");
    assert.deepEqual(
      spec.facet.sort,
      sweep.groups.map((g) => g.label),
    );
    assert.equal(spec.columns, 3);
    assert.equal(spec.resolve.scale.y, "shared");
    assert.ok(spec.spec.width >= 120 && spec.spec.width * 3 <= 900);
    assert.equal(layers(spec)[1]!.encoding.color.legend, null, "headers name the groups");
  });

  test("a single group has no legend; several get one below the chart", () => {
    assert.equal(layers(variableChartSpec(one, "price", { mode: "mean", layout: "colour" }))[1]!.encoding.color.legend, null);
    assert.equal(layers(variableChartSpec(sweep, "price", { mode: "mean", layout: "colour" }))[1]!.encoding.color.legend.orient, "bottom");
  });

  test("a constant variable gets a padded y domain instead of a zero-height one", () => {
    const y = layers(variableChartSpec(one, "flat", { mode: "mean", layout: "colour" }))[1]!.encoding.y;
    assert.deepEqual(y.scale.domain, [6.3, 7.7]);
  });
});

describe("overlayChartSpec", () => {
  test("colours by variable, in the order given; one group: dashes by variable too", () => {
    const spec = overlayChartSpec(one, ["price", "lagged"], { mode: "mean", layout: "colour" }) as Json;
    const line = layers(spec)[1]!;
    assert.equal(line.encoding.color.field, "variable");
    assert.deepEqual(line.encoding.color.scale.domain, ["price", "lagged"]);
    assert.equal(line.encoding.strokeDash.field, "variable");
    assert.equal(line.encoding.y.title, null, "one axis: the legend names the lines");
    assert.deepEqual(new Set(spec.data.values.map((r: Json) => r.variable)), new Set(["price", "lagged"]));
    assert.deepEqual(compile(spec).warnings, []);
  });

  test("several groups in one chart are told apart by dash; each mode and layout compiles", () => {
    const line = layers(overlayChartSpec(sweep, ["price", "lagged"], { mode: "mean", layout: "colour" }))[1]!;
    assert.equal(line.encoding.strokeDash.field, "group");
    for (const mode of MODES) {
      for (const layout of LAYOUTS) {
        assert.deepEqual(compile(overlayChartSpec(sweep, ["price", "lagged"], { mode, layout })).warnings, [], `${mode} ${layout}`);
      }
    }
  });
});

/** A token on a curve: a price near 0.5, a supply near a million, a reserve near a thousand, over three subsets. */
function market(extra: Partial<Model> = {}): Model {
  return {
    name: "market",
    initialState: { price: 0.5, supply: 1e6, reserve: 1000 },
    timesteps: 20,
    runs: 3,
    params: { drift: [0.01, 0.02, 0.03] },
    blocks: [
      {
        variables: {
          price: (p, _s, _h, st, _i, ctx) => st.price * (1 + p.drift + ctx.random.normal(0, 0.02)),
          supply: (_p, _s, _h, st, _i, ctx) => st.supply + ctx.random.int(1000, 20000),
          reserve: (_p, _s, _h, st, _i, ctx) => st.reserve * (1 + ctx.random.normal(0.02, 0.01)),
        },
      },
    ],
    ...extra,
  };
}

describe("overlay axes", () => {
  const r = (variable: string, min: number, max: number) => ({ variable, min, max });

  test("comparable ranges share an axis; a range under a third of the shared one gets its own", () => {
    assert.equal(MIN_AXIS_SHARE, 1 / 3);
    assert.deepEqual(axisGroups([r("tokens", 1, 5201), r("treasury", 0, 5200)]), [["tokens", "treasury"]]);
    assert.deepEqual(axisGroups([r("prey", 27, 230), r("predators", 12, 86)]), [["prey", "predators"]], "74 of 218: over a third");
    assert.deepEqual(axisGroups([r("supply", 0, 1e6), r("price", 0.4, 0.6)]), [["supply"], ["price"]]);
    assert.deepEqual(axisGroups([r("staked", 1000, 1020), r("rewards", 0, 20)]), [["staked"], ["rewards"]], "alike spans far apart do not share");
  });

  test("groups keep the order of their first variable; members keep theirs", () => {
    assert.deepEqual(axisGroups([r("price", 0, 1), r("supply", 0, 1e6), r("fees", 0, 0.8), r("reserve", 0, 900)]), [
      ["price", "fees"],
      ["supply"],
      ["reserve"],
    ]);
    assert.deepEqual(axisGroups([r("a", 0, 1), r("none", Infinity, -Infinity)]), [["a", "none"]], "no values: the first axis");
  });
});

describe("overlayChartSpec with different ranges", () => {
  const swept = buildChartData(simulate(market()));
  const single = buildChartData(simulate(market({ params: { drift: 0.01 } })));

  test("two groups: one plot, the second variable on an independent axis at the right, each titled in its line's colour", () => {
    const spec = overlayChartSpec(single, ["supply", "price"], { mode: "mean", layout: "colour", brush: true, theme: DEFAULT_THEME }) as Json;
    assert.deepEqual(spec.resolve, { scale: { y: "independent" } });
    const [left, right] = spec.layer as Json[];
    assert.deepEqual(left!.transform, [{ filter: { field: "variable", oneOf: ["supply"] } }]);
    const axisOf = (part: Json) => part.layer[1].encoding.y;
    assert.equal(axisOf(left!).axis.orient, "left");
    assert.equal(axisOf(left!).title, "supply");
    assert.equal(axisOf(left!).axis.titleColor, DEFAULT_THEME.palette[0]);
    assert.equal(axisOf(right!).axis.orient, "right");
    assert.equal(axisOf(right!).axis.titleColor, DEFAULT_THEME.palette[1]);
    assert.equal(JSON.stringify(right).includes('"brush"'), false, "one brush, on the first layer");
    assert.equal(left!.layer[1].mark.strokeWidth, 4.5, "lines of one shape on both axes: the left one's are wider, to show under the right one's");
    assert.equal(right!.layer[1].mark.strokeWidth, undefined);
    const { vega: out, warnings } = compile(spec);
    assert.deepEqual(warnings, []);
    assert.ok(
      out.signals.some((sg: Json) => sg.name === "brush"),
      "the brush signal the panel reads",
    );
    assert.equal(out.axes.filter((a: Json) => a.scale.startsWith("y") || a.orient === "right" || a.orient === "left").length >= 2, true);
  });

  test("three groups: stacked plots on one time axis, each brushable as one selection", () => {
    const spec = overlayChartSpec(swept, ["price", "supply", "reserve"], { mode: "mean", layout: "colour", brush: true }) as Json;
    assert.equal(spec.vconcat.length, 3);
    assert.deepEqual(spec.resolve.scale, { x: "shared", y: "independent" });
    assert.deepEqual(
      spec.vconcat.map((v: Json) => v.transform[0].filter.oneOf),
      [["price"], ["supply"], ["reserve"]],
    );
    const { vega: out, warnings } = compile(spec);
    assert.deepEqual(warnings, []);
    assert.equal(out.signals.filter((sg: Json) => sg.name === "brush").length, 1);
  });

  test("a brushed time range zooms every axis", () => {
    for (const variables of [
      ["supply", "price"],
      ["price", "supply", "reserve"],
    ]) {
      const spec = JSON.stringify(overlayChartSpec(swept, variables, { mode: "mean", layout: "colour", timeRange: [5, 10] }));
      assert.equal(spec.match(/"domain":\[5,10\]/g)?.length, variables.length === 2 ? 6 : 9, spec.slice(0, 0));
    }
  });

  test("every mode and layout compiles and draws, with two and three axes", async () => {
    for (const variables of [
      ["supply", "price"],
      ["price", "supply", "reserve"],
    ]) {
      for (const mode of MODES) {
        for (const layout of LAYOUTS) {
          const spec = overlayChartSpec(swept, variables, { mode, layout, brush: true, width: 500 });
          const { vega: out, warnings } = compile(spec);
          assert.deepEqual(warnings, [], `${variables.length} axes, ${mode}, ${layout}`);
          let parsed: ReturnType<typeof vega.parse>;
          try {
            parsed = vega.parse(out, undefined, { ast: true });
          } catch (err) {
            throw new Error(`${variables.length} axes, ${mode}, ${layout}: ${(err as Error).message}`, { cause: err });
          }
          const view = new vega.View(parsed, { expr: interpreter.expressionInterpreter, renderer: "none" });
          const svg = await view.toSVG();
          view.finalize();
          assert.match(svg, /class="mark-line role-mark/, `${variables.length} axes, ${mode}, ${layout}`);
        }
      }
    }
  });
});

describe("legendFor", () => {
  const long = "HEAD (4f2a1c9) · apr = 0.05, fee = 0.003, lockup = 12";

  test("no label is cut short and every entry is kept", () => {
    const legend = legendFor(
      Array.from({ length: 36 }, (_, i) => `${long} ${i}`),
      { mode: "mean", layout: "colour", width: 1000 },
    ) as Json;
    assert.equal(legend.labelLimit, 0);
    assert.equal(legend.symbolLimit, 36);
  });

  test("as many columns as the longest label leaves room for", () => {
    const short = legendFor(["a", "b", "c", "d"], { mode: "mean", layout: "colour", width: 640 }) as Json;
    assert.equal(short.columns, 4, "never more columns than entries");
    assert.equal((legendFor([long, "b"], { mode: "mean", layout: "colour", width: 400 }) as Json).columns, 1);
    assert.equal((legendFor([long, "b", "c"], { mode: "mean", layout: "colour", width: 1100 }) as Json).columns, 2);
  });

  test("labels longer than the chart is wide are broken at their separators", () => {
    assert.deepEqual(wrapLabel(long, 30), ["HEAD (4f2a1c9) · apr = 0.05,", "fee = 0.003, lockup = 12"]);
    assert.deepEqual(wrapLabel("short", 30), ["short"]);
    assert.deepEqual(wrapLabel("abcdefghij", 4), ["abcd", "efgh", "ij"], "one word longer than a line is cut");
    const legend = legendFor([long, "b"], { mode: "mean", layout: "colour", width: 240 }) as Json;
    assert.match(legend.labelExpr, /indexof/);
    assert.equal(legendFor(["a", "b"], { mode: "mean", layout: "facet" }), null, "small multiples: headers name the groups");
  });
});

describe("themeConfig", () => {
  const theme: ChartTheme = { foreground: "#111", mutedForeground: "#555", gridColor: "#ccc", fontFamily: "Inter", fontSize: 13, palette: ["#f00", "#0f0"] };

  test("takes colours and fonts from the theme and keeps the page's background", () => {
    const config = themeConfig(theme) as Json;
    assert.equal(config.background, "transparent");
    assert.equal(config.font, "Inter");
    assert.equal(config.axis.labelColor, "#555");
    assert.equal(config.axis.gridColor, "#ccc");
    assert.equal(config.title.color, "#111");
    assert.deepEqual(config.range.category, ["#f00", "#0f0"]);
    assert.equal((themeConfig({ ...theme, background: "#222" }) as Json).background, "#222");
  });

  test("is the config of every spec", () => {
    const spec = variableChartSpec(one, "price", { mode: "mean", layout: "colour", theme }) as Json;
    assert.deepEqual(spec.config, themeConfig(theme));
    assert.deepEqual((variableChartSpec(one, "price", { mode: "mean", layout: "colour" }) as Json).config, themeConfig(DEFAULT_THEME));
  });
});

describe("userChartSpec", () => {
  const chart = {
    mark: "line",
    encoding: { x: { field: "timestep", type: "quantitative" }, y: { field: "wallet.balance", type: "quantitative" }, detail: { field: "run" } },
    config: { axis: { labelColor: "red" } },
  };
  const data = buildChartData(
    simulate(model({ charts: [chart, { mark: "bar", data: { values: [{ a: 1 }] }, encoding: { y: { field: "a", type: "quantitative" } } }] })),
  );

  test("feeds the model's chart its tidy rows and merges its config over the theme", () => {
    const spec = userChartSpec(data, data.userCharts[0]!, DEFAULT_THEME, 500) as Json;
    assert.equal(spec.data.values.length, 4 * 21);
    assert.equal(spec.data.values[5]["wallet.balance"] > 0, true);
    assert.equal(spec.width, 500);
    assert.equal(spec.config.axis.labelColor, "red");
    assert.equal(spec.config.axis.gridColor, DEFAULT_THEME.gridColor);
    assert.deepEqual(compile(spec).warnings, []);
  });

  test("a chart fed only the first rows says so in its subtitle, keeping the model's own title", () => {
    const capped = buildChartData(simulate(model({ charts: [{ ...chart, title: { text: "Balances", subtitle: "per run" } }, chart] })), { maxRows: 30 });
    const titled = userChartSpec(capped, capped.userCharts[0]!) as Json;
    assert.equal(titled.data.values.length, 30);
    assert.deepEqual(titled.title, { text: "Balances", subtitle: ["per run", "first 30 of 84 rows"] });
    assert.deepEqual((userChartSpec(capped, capped.userCharts[1]!) as Json).title, { text: "", subtitle: "first 30 of 84 rows" });
    assert.deepEqual(compile(titled).warnings, []);
    assert.equal((userChartSpec(data, data.userCharts[0]!) as Json).title, undefined, "no note when every row is there");
  });

  test("keeps a chart's own inline values", () => {
    const spec = userChartSpec(data, data.userCharts[1]!) as Json;
    assert.deepEqual(spec.data, { values: [{ a: 1 }] });
  });
});

describe("drawing with vega-interpreter (no eval)", () => {
  test("every mode draws lines into SVG", async () => {
    for (const mode of MODES) {
      for (const spec of [
        variableChartSpec(sweep, "price", { mode, layout: "colour" }),
        overlayChartSpec(one, ["price", "wallet.balance"], { mode, layout: "facet" }),
      ]) {
        const runtime = vega.parse(compile(spec).vega, undefined, { ast: true });
        const view = new vega.View(runtime, { expr: interpreter.expressionInterpreter, renderer: "none" });
        const svg = await view.toSVG();
        view.finalize();
        assert.match(svg, /class="mark-line role-mark/, mode);
        assert.ok((svg.match(/<path /g) ?? []).length > 3, mode);
      }
    }
  });
});
