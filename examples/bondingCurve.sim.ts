// A token bonding curve: tokens are minted when bought and burned when sold, at a price set by the
// supply alone, `price = k * supply^n`; what buyers pay stays in a reserve that pays sellers back.
// The sweep compares three curve exponents n under the same kind of random order flow.
import { defineModel } from "substep";

/** Curve exponents compared, one parameter subset each (named once here for the chart's legend too). */
const EXPONENTS = [1, 1.5, 2];

/** What the curve needs of the parameters. */
interface Curve {
  curve_exponent: number;
  reference_supply: number;
  reference_price: number;
}

// Every curve goes through (reference_supply, reference_price), so the subsets differ only in
// steepness: a steeper curve is cheaper below that supply and dearer above it.
const k = (p: Curve): number => p.reference_price / p.reference_supply ** p.curve_exponent;
const priceAt = (p: Curve, supply: number): number => k(p) * supply ** p.curve_exponent;
// The reserve holds exactly the area under the curve, so it can buy back every token in circulation.
const reserveAt = (p: Curve, supply: number): number => (k(p) * supply ** (p.curve_exponent + 1)) / (p.curve_exponent + 1);

/** A chart transform naming each row's curve ("n = 1.5") from its subset: rows carry the subset, not the params. */
const curveLabel = { calculate: `${JSON.stringify(EXPONENTS.map((n) => `n = ${n}`))}[datum.subset]`, as: "curve" };

export default defineModel({
  name: "Token bonding curve",
  // A fresh curve: nothing minted, nothing in reserve (price = k * 0^n = 0 for every exponent).
  initialState: {
    supply: 0,
    reserve: 0,
    price: 0,
  },
  params: {
    curve_exponent: EXPONENTS,
    reference_supply: 1000,
    reference_price: 1,
    traders: 20,
    buy_probability: 0.6, // chance that a trader buys on a given day: more buy than sell, so supply drifts up
    sell_probability: 0.4, // chance that a trader sells on a given day
    max_order: 10, // tokens per order, drawn uniformly up to this
  },
  // cadCAD's rule: lists are zipped by position, constants repeat. With a second list of the same length
  // (e.g. buy_probability: [0.5, 0.6, 0.7]) subset i takes the i-th of each; sweep: "cartesian" takes
  // every combination instead.
  sweep: "zip",
  timesteps: 100, // days
  runs: 5,
  seed: 11,
  blocks: [
    {
      label: "buy",
      policies: {
        // Each trader may buy in the morning; the price paid is the area under the curve crossed.
        buy_orders: (params, substep, history, state, ctx) => {
          let tokens = 0;
          for (let i = 0; i < params.traders; i++) if (ctx.random() < params.buy_probability) tokens += ctx.random.uniform(0, params.max_order);
          return { tokens_minted: tokens, reserve_change: reserveAt(params, state.supply + tokens) - reserveAt(params, state.supply) };
        },
      },
      variables: {
        supply: (params, substep, history, state, input) => state.supply + input.tokens_minted,
        reserve: (params, substep, history, state, input) => state.reserve + input.reserve_change,
        price: (params, substep, history, state, input) => priceAt(params, state.supply + input.tokens_minted),
      },
    },
    {
      label: "sell",
      policies: {
        // Each trader may sell in the afternoon. Sellers cannot sell more than is in circulation, nor be
        // paid more than the reserve holds (the two agree up to rounding, which must not leave the reserve below zero).
        sell_orders: (params, substep, history, state, ctx) => {
          let tokens = 0;
          for (let i = 0; i < params.traders; i++) if (ctx.random() < params.sell_probability) tokens += ctx.random.uniform(0, params.max_order);
          tokens = Math.min(state.supply, tokens);
          const paid = Math.min(state.reserve, reserveAt(params, state.supply) - reserveAt(params, state.supply - tokens));
          return { tokens_burned: tokens, reserve_change: -paid };
        },
      },
      variables: {
        supply: (params, substep, history, state, input) => state.supply - input.tokens_burned,
        reserve: (params, substep, history, state, input) => state.reserve + input.reserve_change,
        price: (params, substep, history, state, input) => priceAt(params, state.supply - input.tokens_burned),
      },
    },
  ],
  charts: [
    // The curves themselves: each subset's (supply, price) at the end of each day (after block 2) lies on its curve.
    {
      title: "Price against supply: each exponent's curve",
      transform: [{ filter: "datum.substep === 2" }, curveLabel],
      mark: { type: "point", filled: true, size: 16, opacity: 0.6 },
      encoding: {
        x: { field: "supply", type: "quantitative", title: "supply (tokens)" },
        y: { field: "price", type: "quantitative", title: "price" },
        color: { field: "curve", type: "nominal", title: "curve exponent" },
      },
    },
    // The same order flow over time: the mean price of each subset's runs.
    {
      title: "Mean price over time by curve exponent",
      transform: [{ filter: "datum.substep === 0 || datum.substep === 2" }, curveLabel],
      mark: "line",
      encoding: {
        x: { field: "timestep", type: "quantitative", title: "timestep (day)" },
        y: { field: "price", type: "quantitative", aggregate: "mean", title: "mean price" },
        color: { field: "curve", type: "nominal", title: "curve exponent" },
      },
    },
  ],
});
