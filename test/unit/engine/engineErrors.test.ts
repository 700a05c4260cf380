// Model problems found by the engine: validation messages, and run failures with their place and partial rows.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ModelError, compileExperiment, simulate, type Model, type Policy } from "../../../src/engine";
import { workTokenModel } from "../helpers";

const validationMessage = (exported: unknown): string => {
  try {
    compileExperiment(exported);
  } catch (err) {
    assert.ok(err instanceof ModelError);
    return err.info.message;
  }
  assert.fail("no validation error");
};

test("validation names the problem and suggests the fix", () => {
  assert.match(validationMessage(undefined), /no default export/);
  assert.match(validationMessage(42), /must be a model object .* not a number/);
  assert.match(validationMessage({ ...workTokenModel(), timestep: 5 }), /unknown model property 'timestep' \(did you mean 'timesteps'\?\)/);
  assert.match(validationMessage(workTokenModel({ timesteps: -1 })), /timesteps must be a whole number >= 0, not -1/);
  assert.match(validationMessage(workTokenModel({ runs: 0 })), /runs must be a whole number >= 1/);
  assert.match(validationMessage(workTokenModel({ blocks: [] })), /blocks is empty/);
  assert.match(validationMessage(workTokenModel({ initialState: { run: 1 } })), /'run' cannot be a state variable/);
  const typo = workTokenModel();
  typo.blocks[0]!.variables = { tokenz: () => 1 };
  assert.match(validationMessage(typo), /block 1 updates 'tokenz', which is not in initialState \(did you mean 'tokens'\?\)/);
  const notFn = workTokenModel();
  notFn.blocks[1]!.policies = { do_work: 5 } as never;
  assert.match(validationMessage(notFn), /block 2: policy 'do_work' must be a function, not a number/);
  assert.match(validationMessage([workTokenModel(), { ...workTokenModel(), blocks: "x" }]), /^model 1: blocks must be an array/);
});

// The policy may return what no policy should (a number, say): its type is the model API's untyped one.
const failing = (update: (state: { x: number; timestep: number }) => unknown, policy?: () => unknown): Model => ({
  initialState: { x: 0 },
  timesteps: 5,
  runs: 2,
  blocks: [
    { label: "first", variables: { x: (_p, _s, _h, state) => state.x + 1 } },
    { label: "second", policies: { pol: (policy ?? (() => ({}))) as Policy }, variables: { x: (_p, _s, _h, state) => update(state) } },
  ],
});

test("a state update returning undefined stops the run at its place, keeping earlier rows", () => {
  const results = simulate(failing((s) => (s.x < 3 ? s.x : undefined)));
  const [error] = results.errors;
  assert.ok(error);
  assert.match(error.message, /returned undefined; a state update must return the new value of 'x'/);
  assert.equal(error.fn, "state update 'x'");
  assert.equal(error.blockLabel, "second");
  assert.deepEqual(error.place, { simulation: 0, subset: 0, run: 1, timestep: 3, substep: 2 });
  // Initial row, timesteps 1 and 2 (2 rows each), then block 1 of timestep 3 was stored before block 2 failed.
  assert.equal(results.rowCount, 6);
  assert.equal(results.runs.length, 1, "the simulation stops at the first failed run");
});

test("a policy returning a non-object and a throw inside model code are located in the simulation", () => {
  const bad = simulate(
    failing(
      (s) => s.x,
      () => 7,
    ),
  ).errors[0]!;
  assert.match(bad.message, /returned a number; a policy must return an object of named signals/);
  assert.equal(bad.fn, "policy 'pol'");
  assert.deepEqual(bad.place, { simulation: 0, subset: 0, run: 1, timestep: 1, substep: 2 });
  const thrown = simulate(
    failing((s) => {
      if (s.timestep === 3) throw new RangeError("too far");
      return s.x;
    }),
  ).errors[0]!;
  assert.equal(thrown.message, "RangeError: too far");
  assert.ok(thrown.causeStack?.includes("too far"));
  assert.deepEqual(thrown.place, { simulation: 0, subset: 0, run: 1, timestep: 3, substep: 2 }, "block 2 sees the current timestep");
});

test("values that change kind widen their column without losing rows", () => {
  const model: Model = {
    initialState: { x: 0, rec: { a: 1, b: { c: 2 } } },
    timesteps: 4,
    blocks: [
      {
        variables: {
          x: (_p, _s, _h, state) => (state.timestep >= 2 ? `s${state.timestep}` : state.x + 1),
          rec: (_p, _s, _h, state) => (state.timestep === 3 ? { a: 1, b: { c: 2 }, extra: true } : { a: state.rec.a + 1, b: { c: 2 } }),
        },
      },
    ],
  };
  const rows = [...simulate(model).rows()];
  assert.deepEqual(
    rows.map((r) => r.x),
    [0, 1, 2, "s2", "s3"],
  );
  assert.deepEqual(
    rows.map((r) => r.rec),
    [
      { a: 1, b: { c: 2 } },
      { a: 2, b: { c: 2 } },
      { a: 3, b: { c: 2 } },
      { a: 4, b: { c: 2 } },
      { a: 1, b: { c: 2 }, extra: true },
    ],
  );
});

test("history is read-only and rows in it are frozen", () => {
  const seen: string[] = [];
  const model: Model = {
    initialState: { x: { n: 1 } },
    timesteps: 2,
    blocks: [
      {
        variables: {
          x: (_p, _s, history, state) => {
            try {
              (history as unknown as unknown[]).push([]);
            } catch (err) {
              seen.push((err as Error).message);
            }
            try {
              (history[0]![0]!.x as { n: number }).n = 99;
            } catch (err) {
              seen.push((err as Error).constructor.name);
            }
            return { n: state.x.n + history[0]![0]!.x.n };
          },
        },
      },
    ],
  };
  const rows = [...simulate(model).rows()];
  assert.deepEqual(
    rows.map((r) => (r.x as { n: number }).n),
    [1, 2, 3],
  );
  assert.ok(seen.some((m) => /history is read-only/.test(m)));
  assert.ok(seen.includes("TypeError"));
});
