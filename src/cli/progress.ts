// A progress bar on stderr, only when stderr is a terminal.
import { formatCount } from "../export/format";

/** Draws `done / total` rows at most ten times a second; `clear()` removes it. */
export class ProgressBar {
  private lastDraw = 0;
  private drawn = false;
  private readonly started = Date.now();

  constructor(private readonly stream: NodeJS.WriteStream) {}

  static forStderr(enabled: boolean): ProgressBar | undefined {
    return enabled && process.stderr.isTTY ? new ProgressBar(process.stderr) : undefined;
  }

  update(done: number, total: number): void {
    const now = Date.now();
    if (now - this.lastDraw < 100 || now - this.started < 300) return;
    this.lastDraw = now;
    const width = 30;
    const ratio = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(ratio * width);
    const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
    const secs = ((now - this.started) / 1000).toFixed(1);
    this.stream.write(`\r${bar} ${(ratio * 100).toFixed(0).padStart(3)}%  ${formatCount(done)}/${formatCount(total)} rows  ${secs}s`);
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) this.stream.write("\r\x1b[2K");
    this.drawn = false;
  }
}
