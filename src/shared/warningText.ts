// The words of a run warning's place and reach, shared by the Problems panel and the panel's webview
// (which must not bundle the engine: this module imports only text formatting).
import type { Place } from "../engine";
import { plural } from "../export/format";

/** How many simulations and subsets a result has: a place leaves out what there is only one of. */
export interface PlaceShape {
  simulations: number;
  subsets: number;
}

/** "run 1, timestep 1, substep 2 (block 'stake')": the simulation and subset only when there is more than one. */
export function shortPlace(place: Place, shape: PlaceShape, blockLabel?: string): string {
  const parts: string[] = [];
  if (shape.simulations > 1) parts.push(`simulation ${place.simulation}`);
  if (place.subset !== undefined && shape.subsets > shape.simulations) parts.push(`subset ${place.subset}`);
  for (const key of ["run", "timestep", "substep"] as const) if (place[key] !== undefined) parts.push(`${key} ${place[key]}`);
  return `${parts.join(", ")}${blockLabel ? ` (block '${blockLabel}')` : ""}`;
}

/** ", and 2 more runs" for the other runs with the same warning; "" when there are none. */
export function moreRuns(otherRuns: number): string {
  return otherRuns > 0 ? `, and ${plural(otherRuns, "more run")}` : "";
}
