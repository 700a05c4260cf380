// Draws a Vega-Lite spec as SVG without eval: Vega's runtime is parsed to ASTs and run by vega-interpreter (strict-CSP safe).
// Tooltips are vega-tooltip's HTML ones, styled by the page's stylesheet (its own <style> would break the CSP).
import { View, parse } from "vega";
import { expressionInterpreter } from "vega-interpreter";
import { compile, type TopLevelSpec } from "vega-lite";
import { Handler } from "vega-tooltip";

/** One tooltip element for the page, shared by every chart. */
let tooltips: Handler | undefined;

/** Compiles `spec`, draws it into `container` (replacing its content) and resolves once drawn. */
export async function renderVegaLite(container: HTMLElement, spec: TopLevelSpec): Promise<View> {
  const vega = compile(spec).spec;
  const view = new View(parse(vega, undefined, { ast: true }), {
    expr: expressionInterpreter,
    renderer: "svg",
    container,
    hover: true,
  });
  tooltips ??= new Handler({ disableDefaultStyle: true, theme: "substep" });
  view.tooltip(tooltips.call);
  await view.runAsync();
  return view;
}

/** An image of `spec` drawn off the page (no container): PNG at twice the pixels as a data URL, or SVG text. */
export async function imageOfSpec(spec: TopLevelSpec, format: "png" | "svg"): Promise<string> {
  const view = new View(parse(compile(spec).spec, undefined, { ast: true }), { expr: expressionInterpreter, renderer: "none" });
  try {
    return format === "png" ? await view.toImageURL("png", 2) : await view.toSVG();
  } finally {
    view.finalize();
  }
}
