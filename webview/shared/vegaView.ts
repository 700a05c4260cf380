// Draws a Vega-Lite spec as SVG without eval: Vega's runtime is parsed to ASTs and run by vega-interpreter (strict-CSP safe).
import { View, parse } from "vega";
import { expressionInterpreter } from "vega-interpreter";
import { compile, type TopLevelSpec } from "vega-lite";

/** Compiles `spec`, draws it into `container` (replacing its content) and resolves once drawn. */
export async function renderVegaLite(container: HTMLElement, spec: TopLevelSpec): Promise<View> {
  const vega = compile(spec).spec;
  const view = new View(parse(vega, undefined, { ast: true }), {
    expr: expressionInterpreter,
    renderer: "svg",
    container,
    hover: true,
  });
  await view.runAsync();
  return view;
}
