// The bundle's source map, read lazily: bundle positions back to the user's files, and the original texts.
import { SourceMap, type SourceMapPayload } from "node:module";
import { dirname, isAbsolute, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { SourceLocation } from "../engine/locate";
import { lineColumn, lineStartsOf } from "../source/lines";

/** One original file of the bundle, as esbuild read it. */
export interface OriginalSource {
  /** Absolute path. */
  file: string;
  text: string;
  /** A package's file, not the user's own code. */
  inNodeModules: boolean;
}

interface MapPayload {
  sources?: string[];
  sourcesContent?: (string | null)[];
}

/** Answers "where in the user's files is this position of the bundle code". */
export class BundleMap {
  private map: SourceMap | undefined;
  private originals: OriginalSource[] | undefined;
  private codeLineStarts: number[] | undefined;
  private readonly baseDir: string;

  /** `file` is the model file: esbuild wrote the map's paths relative to its folder (absWorkingDir). */
  constructor(
    readonly file: string,
    private readonly code: string,
    private readonly mapJson: string,
  ) {
    this.baseDir = dirname(file);
  }

  /** The original files, the model file first. */
  get sources(): OriginalSource[] {
    if (!this.originals) {
      const payload = JSON.parse(this.mapJson) as MapPayload;
      const list = (payload.sources ?? []).map((s, i) => {
        const file = this.absolute(s);
        return { file, text: payload.sourcesContent?.[i] ?? "", inNodeModules: file.split(sep).includes("node_modules") };
      });
      list.sort((a, b) => Number(b.file === this.file) - Number(a.file === this.file));
      this.originals = list;
    }
    return this.originals;
  }

  /** The original location of a 0-based line and column of the bundle code; undefined where the bundle has no mapping (esbuild's helpers). */
  originalOf(line0: number, column0: number): SourceLocation | undefined {
    this.map ??= new SourceMap(JSON.parse(this.mapJson) as SourceMapPayload);
    const entry = this.map.findEntry(line0, column0) as Partial<{
      generatedLine: number;
      originalSource: string;
      originalLine: number;
      originalColumn: number;
    }>;
    // findEntry returns the nearest mapping before the position, possibly on an earlier line: that is another statement.
    if (entry.originalSource === undefined || entry.generatedLine !== line0) return undefined;
    return { file: this.absolute(entry.originalSource), line: entry.originalLine! + 1, column: entry.originalColumn! + 1 };
  }

  /** The original location of an offset into the bundle code. */
  originalOfOffset(offset: number): SourceLocation | undefined {
    this.codeLineStarts ??= lineStartsOf(this.code);
    const { line, column } = lineColumn(this.codeLineStarts, offset);
    return this.originalOf(line - 1, column - 1);
  }

  /**
   * A source of the map as a path. Sources are URLs relative to the model's folder: esbuild writes
   * `%`, `#` and `?` in file names percent-encoded, so they are resolved and decoded as URLs (a path
   * joined as text would keep `%25`, and Problems would point at a file that does not exist).
   */
  private absolute(source: string): string {
    if (source.startsWith("file:")) return fileURLToPath(source);
    if (isAbsolute(source) && sep === "\\") return source; // a Windows path is no URL
    return fileURLToPath(new URL(source, pathToFileURL(this.baseDir + sep)));
  }
}
