// TypeScript server plugin: when `substep` does not resolve in a model's folder (nothing installed, the
// usual case), it resolves to the model API's declarations that the extension ships in dist/, so editors
// type `state`, `params` and `input` in any workspace.
"use strict";
const path = require("path");

// This package is installed as a copy in the extension's node_modules: dist/ is two folders up.
const DECLARATIONS = path.join(__dirname, "..", "..", "dist", "substep.d.ts");

function init({ typescript: ts }) {
  function create(info) {
    const host = info.languageServiceHost;
    const resolved = { resolvedFileName: DECLARATIONS, extension: ts.Extension.Dts, isExternalLibraryImport: false };
    if (host.resolveModuleNameLiterals) {
      const original = host.resolveModuleNameLiterals.bind(host);
      host.resolveModuleNameLiterals = (literals, ...rest) =>
        original(literals, ...rest).map((r, i) => (literals[i].text === "substep" && !r.resolvedModule ? { resolvedModule: resolved } : r));
    } else if (host.resolveModuleNames) {
      const original = host.resolveModuleNames.bind(host);
      host.resolveModuleNames = (names, ...rest) => original(names, ...rest).map((r, i) => (names[i] === "substep" && !r ? resolved : r));
    }
    info.project.projectService.logger.info(`substep-tsserver-plugin: "substep" resolves to ${DECLARATIONS}`);
    return withoutUnusedParameterHints(ts, info.languageService);
  }
  return { create };
}

const MODEL_FILE = /\.sim\.m?[jt]s$/; // *.sim.{ts,mts,js,mjs}, as MODEL_EXTENSIONS in src/shared/modelFilePattern.ts
/** "'x' is declared but its value is never read" (6133), "All destructured elements are unused" (6198). */
const UNUSED = new Set([6133, 6198]);
/** "Object literal may only specify known properties" (2353), the same with "Did you mean" (2561). */
const EXCESS = new Set([2353, 2561]);
/** "Parameter 'x' implicitly has an 'any' type" (7006), "Binding element 'x' implicitly..." (7031). */
const IMPLICIT_ANY = new Set([7006, 7031]);

/**
 * Model functions keep cadCAD's positional signature (params, substep, history, state, ...), so most of
 * them leave parameters unused on purpose: in model files, those hints (faded or underlined names)
 * are noise. Unused locals and imports are still hinted.
 * A misspelt key in `variables` is one error; the functions written under it lose their contextual
 * types, and each of their parameters would add an "implicitly has an 'any' type" error: those go.
 */
function withoutUnusedParameterHints(ts, service) {
  const proxy = Object.create(null);
  for (const key of Object.keys(service)) proxy[key] = (...args) => service[key](...args);
  proxy.getSuggestionDiagnostics = (fileName) => {
    const hints = service.getSuggestionDiagnostics(fileName);
    if (!MODEL_FILE.test(fileName)) return hints;
    const source = service.getProgram()?.getSourceFile(fileName);
    if (!source) return hints;
    const parameters = new Set();
    const visit = (node) => {
      if (ts.isParameter(node)) parameters.add(node.name.getStart(source));
      ts.forEachChild(node, visit);
    };
    visit(source);
    return hints.filter((d) => !(UNUSED.has(d.code) && parameters.has(d.start)));
  };
  proxy.getSemanticDiagnostics = (fileName) => {
    const errors = service.getSemanticDiagnostics(fileName);
    if (!MODEL_FILE.test(fileName)) return errors;
    const excess = new Set(errors.filter((d) => EXCESS.has(d.code)).map((d) => d.start));
    if (excess.size === 0) return errors;
    const source = service.getProgram()?.getSourceFile(fileName);
    if (!source) return errors;
    // The parameters of functions written as the value of an excess property (a misspelt variable, say).
    const orphans = new Set();
    const visit = (node, inExcess) => {
      const here = inExcess || (ts.isPropertyAssignment(node) && excess.has(node.name.getStart(source)));
      if (here && ts.isParameter(node)) orphans.add(node.name.getStart(source));
      ts.forEachChild(node, (child) => visit(child, here));
    };
    visit(source, false);
    return errors.filter((d) => !(IMPLICIT_ANY.has(d.code) && orphans.has(d.start)));
  };
  return proxy;
}

module.exports = init;
