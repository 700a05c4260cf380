// The charts' categorical colours are colour-blind-safe: neighbouring subsets (or compared runs) differ clearly
// under protanopia, deuteranopia and tritanopia too, in the panel (light and dark), the report and the default theme.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { differenceCiede2000, filterDeficiencyDeuter, filterDeficiencyProt, filterDeficiencyTrit, parse, type Color } from "culori";
import { DEFAULT_THEME } from "../../../src/shared/chartTheme";
import { REPORT_CSS } from "../../../src/export/reportStyle";

const ROOT = join(__dirname, "..", "..", "..");
/** CIEDE2000 below this reads as "the same colour, nearly": the old Tableau order's red beside green was 5 for a deuteranope. */
const MIN_DIFFERENCE = 12;
/** How many colours a chart usually shows at once: each of them must differ from each other one, not only from its neighbour. */
const USUAL_GROUPS = 3;

const VISION: Record<string, (c: Color) => Color> = {
  typical: (c) => c,
  protanopia: filterDeficiencyProt(1),
  deuteranopia: filterDeficiencyDeuter(1),
  tritanopia: filterDeficiencyTrit(1),
};

/** The literal colour lists of `--chart-palette` in a stylesheet (lists that read the theme's variables are the theme's). */
function palettes(css: string): string[][] {
  return [...css.matchAll(/--chart-palette:\s*([^;]+);/g)]
    .map((m) => m[1]!.trim())
    .filter((list) => !list.includes("var("))
    .map((list) => list.split(/\s+/));
}

function check(name: string, palette: readonly string[]): void {
  const difference = differenceCiede2000();
  const colour = (text: string): Color => {
    const c = parse(text);
    assert.ok(c, `${name}: '${text}' is not a colour`);
    return c;
  };
  for (const [vision, see] of Object.entries(VISION)) {
    for (let i = 0; i < palette.length; i++) {
      for (let j = i + 1; j < palette.length && (j === i + 1 || j < USUAL_GROUPS); j++) {
        const d = difference(see(colour(palette[i]!)), see(colour(palette[j]!)));
        assert.ok(d >= MIN_DIFFERENCE, `${name}: ${palette[i]} and ${palette[j]} differ by ${d.toFixed(1)} for ${vision}`);
      }
    }
  }
}

test("every chart palette keeps neighbouring colours apart for typical and colour-blind vision", () => {
  const panel = palettes(readFileSync(join(ROOT, "media", "panel.css"), "utf8"));
  const report = palettes(REPORT_CSS);
  assert.equal(panel.length, 2, "the panel's light and dark palettes");
  assert.equal(report.length, 2, "the report's light and dark palettes");
  [...panel, ...report, DEFAULT_THEME.palette].forEach((palette, i) => check(`palette ${i + 1} (${palette.join(" ")})`, palette));
});

test("the check fails the palette it replaced: Tableau's blue, orange, red, green", () => {
  assert.throws(() => check("Tableau", ["#4c78a8", "#f58518", "#e45756", "#54a24b"]), /#e45756 and #54a24b differ by 5\.\d for deuteranopia/);
});
