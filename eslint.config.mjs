// ESLint: typescript-eslint's type-checked rules over the project's TypeScript; the few plain JavaScript files get the untyped ones.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

// The Node globals the plain JavaScript files use (the `globals` package is not a dependency).
const nodeGlobals = { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly", console: "readonly", URL: "readonly" };

export default defineConfig(
  {
    ignores: ["dist/", "out/", "node_modules/", "test/conformance/", "test/fixtures/", "test/e2e/workspace*/", ".vscode-e2e/", "test-results/", ".scratch/"],
  },
  // A disable comment that no longer disables anything fails the lint too.
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Each file is checked in the program of its nearest tsconfig.json (the root one, or webview/'s with the DOM); model files
        // outside those (examples, bench models) in tsconfig.models.json's options, which map `substep` to the authoring module.
        projectService: { allowDefaultProject: ["examples/*.sim.ts", "scripts/bench/*.sim.ts"], defaultProject: "tsconfig.models.json" },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // node:test runs every top-level test and suite it registers and awaits their promises itself.
      "@typescript-eslint/no-floating-promises": [
        "error",
        { allowForKnownSafeCalls: [{ from: "package", package: "node:test", name: ["test", "describe", "it", "suite"] }] },
      ],
      // Forwarding another promise's rejection reason (typed `unknown`) as it is; a literal or a non-Error value is still reported.
      "@typescript-eslint/prefer-promise-reject-errors": ["error", { allowThrowingUnknown: true }],
      // As tsconfig's noUnused* checks: a leading underscore marks a name unused on purpose (`{ file: _, ...rest }`, `for (const _ in o)`).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The model API users write against: state, params and signals default to `any` (as cadCAD's are untyped
    // dicts) so a model without type arguments type-checks; `{}` is the "no parameters" default of ParamValues.
    files: ["src/engine/types.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-empty-object-type": "off" },
  },
  {
    files: ["test/**"],
    // Tests write plain `Model` literals, whose state and params are `any` by the model API's design (as in cadCAD), and read
    // untyped JSON output (CLI files, compiled Vega specs, page state): there a wrong member access fails the test anyway.
    rules: {
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    // Plain JavaScript without JSDoc types: every `require` is `any`, so the type-checked rules would only report that.
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    // CommonJS files load their dependencies with require.
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
