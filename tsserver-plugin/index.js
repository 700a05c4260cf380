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
    return info.languageService;
  }
  return { create };
}

module.exports = init;
