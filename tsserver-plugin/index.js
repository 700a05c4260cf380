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

const MODEL_FILE = /\.sim\.[cm]?[jt]s$/;
/** "'x' is declared but its value is never read" (6133), "All destructured elements are unused" (6198). */
const UNUSED = new Set([6133, 6198]);

/**
 * Model functions keep cadCAD's positional signature (params, substep, history, state, ...), so most of
 * them leave parameters unused on purpose: in model files, those hints (faded or underlined names)
 * are noise. Unused locals and imports are still hinted.
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
  return proxy;
}

module.exports = init;
