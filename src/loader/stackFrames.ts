// Naming the evaluated bundle so that its frames can be picked out of a thrown error's stack.

/** The filename a bundle is evaluated under: stack frames of model code carry it. */
export function bundleUrl(file: string): string {
  return `substep-bundle://${file.startsWith("/") ? "" : "/"}${file.replace(/\\/g, "/")}`;
}

/** Lines of the evaluation wrapper put before the bundle code (the frames' line numbers include them). */
export const WRAPPER_LINES = 1;

/** A position in the bundle code, 0-based, as found in a stack frame. */
export interface BundlePosition {
  line0: number;
  column0: number;
}

/** The frames of `stack` that lie in the bundle named `url`, innermost first. */
export function bundleFrames(stack: string, url: string): BundlePosition[] {
  const at = new RegExp(`${escapeRegExp(url)}:(\\d+)(?::(\\d+))?`);
  const frames: BundlePosition[] = [];
  const lines = stack.split("\n");
  lines.forEach((line, i) => {
    // Frames are the "    at ..." lines; a SyntaxError raised while compiling the bundle starts with "url:line" instead.
    if (!(/^\s+at /.test(line) || (i === 0 && line.startsWith(url)))) return;
    const m = at.exec(line);
    if (!m) return;
    const line0 = Number(m[1]) - 1 - WRAPPER_LINES;
    if (line0 >= 0) frames.push({ line0, column0: m[2] ? Number(m[2]) - 1 : 0 });
  });
  return frames;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
