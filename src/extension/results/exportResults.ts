// Export of a model's results: data (CSV, JSON, HTML report) written here, chart images drawn by the panel.
import { writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import * as vscode from "vscode";
import { csvChunks } from "../../export/csv";
import { jsonChunks } from "../../export/json";
import { renderHtmlReport, type ReportMeta } from "../../export/htmlReport";
import { writeChunks } from "../../export/writeChunks";
import { modelStem } from "../../shared/modelFilePattern";
import { readSettings } from "../common/settings";
import type { StoredResult } from "./resultsStore";

const FILTERS: Record<string, Record<string, string[]>> = {
  csv: { CSV: ["csv"] },
  json: { JSON: ["json"] },
  html: { "HTML report": ["html"] },
  png: { "PNG image": ["png"] },
  svg: { "SVG image": ["svg"] },
};

/** What an HTML report says beyond the results: a comparison's title and final-value table. */
export type ReportExtras = Pick<ReportMeta, "title" | "comparison">;

/** Asks where to save (unless `path` is given) and writes the export; returns the path written. */
export async function exportResult(
  result: StoredResult,
  format: string,
  options: { path?: string; data?: string; name?: string; report?: ReportExtras } = {},
): Promise<string | undefined> {
  const stem = (options.name ?? modelStem(basename(result.file))).replace(/[^\w.-]+/g, "-");
  let path = options.path;
  if (!path) {
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.file(join(dirname(result.file), `${stem}.${format}`)),
      filters: FILTERS[format] ?? {},
      title: `Export ${format.toUpperCase()}`,
    });
    if (!target) return undefined;
    path = target.fsPath;
  }
  switch (format) {
    case "csv":
      // `substep.csvSafe`: text that a spreadsheet would run as a formula is written as text.
      await writeChunks(path, csvChunks(result.results, { formulaSafe: readSettings(vscode.Uri.file(result.file)).csvSafe }));
      break;
    case "json":
      await writeChunks(path, jsonChunks(result.results));
      break;
    case "html":
      await writeFile(
        path,
        renderHtmlReport(result.results, { file: vscode.workspace.asRelativePath(result.file), engineMs: result.engineMs, ...options.report }),
      );
      break;
    case "png":
      await writeFile(path, Buffer.from((options.data ?? "").replace(/^data:image\/png;base64,/, ""), "base64"));
      break;
    case "svg":
      await writeFile(path, options.data ?? "");
      break;
    default:
      throw new Error(`unknown export format '${format}'`);
  }
  return path;
}
