// The HTML report's stylesheet: light and dark by the reader's colour scheme; the charts read the --chart-* variables.
export const REPORT_CSS = `
:root {
  color-scheme: light dark;
  --bg: #ffffff;
  --fg: #1f2328;
  --muted: #59636e;
  --border: #d1d9e0;
  --surface: #f6f8fa;
  --error-bg: #fff1f0;
  --error-border: #f5c2c0;
  --error-fg: #9a1b17;
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  --chart-foreground: #1f2328;
  --chart-muted: #59636e;
  --chart-grid: #e3e7eb;
  --chart-font: var(--font);
  --chart-font-size: 12;
  --chart-palette: #0072b2 #e69f00 #009e73 #cc79a7 #56b4e9 #d55e00 #f0e442 #999999;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117;
    --fg: #e6edf3;
    --muted: #9198a1;
    --border: #3d444d;
    --surface: #151b23;
    --error-bg: #2d1517;
    --error-border: #6e2b2b;
    --error-fg: #ffb4ae;
    --chart-foreground: #e6edf3;
    --chart-muted: #9198a1;
    --chart-grid: #2a3038;
    --chart-palette: #56b4e9 #e69f00 #009e73 #cc79a7 #f0e442 #d55e00 #0072b2 #999999;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0; font: 14px/1.5 var(--font); }
main { max-width: 1100px; margin: 0 auto; padding: 24px 24px 48px; }
header h1 { margin: 0; font-size: 24px; font-weight: 600; }
.file { margin: 2px 0 0; color: var(--muted); font-family: var(--mono); font-size: 13px; overflow-wrap: anywhere; }
.data { margin: 4px 0 0; font-size: 13px; }
h2 { font-size: 17px; font-weight: 600; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--border); }
h3 { font-size: 15px; font-weight: 600; margin: 20px 0 8px; }
.dims { display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 20px 0 0; }
.dims div { min-width: 80px; }
.dims dt { color: var(--muted); font-size: 12px; }
.dims dd { margin: 0; font-size: 16px; font-variant-numeric: tabular-nums; }
.note, .caption { color: var(--muted); font-size: 12.5px; margin: 8px 0; }
.errors { margin-top: 24px; padding: 4px 16px 8px; border: 1px solid var(--error-border); border-radius: 6px; background: var(--error-bg); }
.errors h2 { color: var(--error-fg); border: 0; margin: 8px 0 4px; }
pre.error { margin: 8px 0; padding: 8px 10px; white-space: pre-wrap; overflow-wrap: anywhere; font: 12.5px/1.45 var(--mono); color: var(--fg); background: var(--bg); border-radius: 4px; }
.table-wrap { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; font-size: 13px; }
th, td { padding: 4px 12px 4px 0; text-align: left; border-bottom: 1px solid var(--border); white-space: nowrap; }
th { font-weight: 600; color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.finals th.num, table.finals td.num { padding-left: 16px; }
tr.mean td { font-weight: 600; border-top: 1px solid var(--muted); }
tr.extreme td { color: var(--muted); }
.stopped { color: var(--error-fg); font-weight: normal; }
.controls { display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: flex-start; margin: 0 0 12px; padding: 10px 12px; background: var(--surface); border: 1px solid var(--border); border-radius: 6px; }
.controls fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; flex: 1 1 360px; }
.controls legend { float: left; margin-right: 10px; color: var(--muted); font-size: 12.5px; }
.controls label { display: inline-flex; align-items: center; gap: 5px; white-space: nowrap; }
.controls .options { display: flex; flex-wrap: wrap; gap: 8px 20px; }
.controls .options label { color: var(--muted); font-size: 12.5px; }
.controls select, .controls button { font: inherit; font-size: 13px; color: var(--fg); background: var(--bg); border: 1px solid var(--border); border-radius: 4px; padding: 2px 6px; }
.controls button { cursor: pointer; }
.controls select:disabled { opacity: 0.6; }
.controls input { margin: 0; accent-color: #0072b2; }
.charts { display: flex; flex-direction: column; gap: 12px; }
figure.chart { margin: 0; padding: 10px 6px 4px; border: 1px solid var(--border); border-radius: 6px; min-height: 60px; overflow-x: auto; }
.chart-error { color: var(--error-fg); }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
#vg-tooltip-element { visibility: hidden; position: fixed; z-index: 1000; padding: 6px 8px; border-radius: 4px; font: 12.5px/1.4 var(--font); white-space: pre-line; pointer-events: none; background: var(--surface); color: var(--fg); border: 1px solid var(--border); box-shadow: 0 2px 8px rgba(0, 0, 0, 0.16); }
#vg-tooltip-element.visible { visibility: visible; }
#vg-tooltip-element table { border-spacing: 0; }
#vg-tooltip-element td { padding: 1px 0; vertical-align: top; }
#vg-tooltip-element td.key { color: var(--muted); padding-right: 8px; text-align: right; }
#vg-tooltip-element td.value { font-variant-numeric: tabular-nums; max-width: 320px; overflow-wrap: anywhere; }
`;
