// The Model Diagram of examples/workToken.sim.ts as text lines: what the unit tests (from the source) and
// the end-to-end test (substep.showDiagram in VS Code) both expect.
export const WORK_TOKEN_DIAGRAM = [
  'Block 1 "mint" — 1 policy · 2 updates',
  "  Policies — 1",
  "    mint_tokens — emits minted_tokens",
  "  Updates — 2",
  "    tokens — reads minted_tokens",
  "    community_treasury — reads minted_tokens",
  'Block 2 "work" — 1 policy · 1 update',
  "  Policies — 1",
  "    do_work — emits impact",
  "  Updates — 1",
  "    contributors — reads impact",
];
