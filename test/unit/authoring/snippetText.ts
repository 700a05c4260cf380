// VS Code snippet bodies expanded as if every tab stop were left at its default: enough of the snippet
// grammar (tab stops, placeholders, choices, mirrors, escapes) to check what a snippet inserts.

/** A parsed piece of a snippet body. */
type Piece =
  | { kind: "text"; text: string }
  | { kind: "tabstop"; index: number }
  | { kind: "placeholder"; index: number; children: Piece[] }
  | { kind: "choice"; index: number; options: string[] };

/** How to fill the body. */
export interface ExpandOptions {
  /** What the final tab stop `$0` becomes (default: nothing). */
  final?: string;
  /** Which option of each choice to take, clamped to the choice's last (default: the first). */
  choice?: number;
}

/** The text a snippet inserts when each tab stop keeps its default (a choice its `choice`-th option). */
export function expandSnippet(body: string | string[], options: ExpandOptions = {}): string {
  const text = Array.isArray(body) ? body.join("\n") : body;
  const parser = new Parser(text);
  const pieces = parser.pieces(false);
  if (parser.pos !== text.length) throw new Error(`unexpected '${text[parser.pos]}' at ${parser.pos} in ${JSON.stringify(text)}`);
  const pick = options.choice ?? 0;
  // A tab stop with no default of its own mirrors the placeholder or choice of the same number.
  const defaults = new Map<number, string>();
  const collect = (list: Piece[]): void => {
    for (const p of list) {
      if (p.kind === "placeholder") {
        collect(p.children);
        if (!defaults.has(p.index)) defaults.set(p.index, render(p.children));
      } else if (p.kind === "choice" && !defaults.has(p.index)) {
        defaults.set(p.index, p.options[Math.min(pick, p.options.length - 1)]!);
      }
    }
  };
  const render = (list: Piece[]): string =>
    list
      .map((p) => {
        switch (p.kind) {
          case "text":
            return p.text;
          case "tabstop":
            return p.index === 0 ? (options.final ?? "") : (defaults.get(p.index) ?? "");
          case "placeholder":
            return render(p.children);
          case "choice":
            return p.options[Math.min(pick, p.options.length - 1)]!;
        }
      })
      .join("");
  collect(pieces);
  return render(pieces);
}

/** The tab stop numbers a body uses, and the option lists of its choices. */
export function snippetStops(body: string | string[]): { stops: number[]; choices: string[][] } {
  const text = Array.isArray(body) ? body.join("\n") : body;
  const stops = new Set<number>();
  const choices: string[][] = [];
  const walk = (list: Piece[]): void => {
    for (const p of list) {
      if (p.kind === "text") continue;
      stops.add(p.index);
      if (p.kind === "placeholder") walk(p.children);
      if (p.kind === "choice") choices.push(p.options);
    }
  };
  walk(new Parser(text).pieces(false));
  return { stops: [...stops].sort((a, b) => a - b), choices };
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  /** Pieces up to the end, or up to the `}` closing a placeholder when `nested`. */
  pieces(nested: boolean): Piece[] {
    const out: Piece[] = [];
    let text = "";
    const flush = (): void => {
      if (text) out.push({ kind: "text", text });
      text = "";
    };
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === "\\" && "$}\\".includes(this.text[this.pos + 1] ?? "")) {
        text += this.text[this.pos + 1];
        this.pos += 2;
      } else if (c === "}" && nested) {
        break;
      } else if (c === "$") {
        const piece = this.dollar();
        if (piece) {
          flush();
          out.push(piece);
        } else {
          text += c;
          this.pos++;
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    flush();
    return out;
  }

  /** A tab stop, placeholder or choice at `$`; undefined when the `$` is plain text. Variables are refused. */
  private dollar(): Piece | undefined {
    const rest = this.text.slice(this.pos);
    const simple = /^\$(\d+)/.exec(rest);
    if (simple) {
      this.pos += simple[0].length;
      return { kind: "tabstop", index: Number(simple[1]) };
    }
    const variable = /^\$\{?([A-Za-z_][A-Za-z_0-9]*)/.exec(rest);
    if (variable) throw new Error(`'${variable[0]}' at ${this.pos} is a snippet variable: escape the $ as \\$ if it is code`);
    const open = /^\$\{(\d+)([:|}])/.exec(rest);
    if (!open) return undefined;
    const index = Number(open[1]);
    this.pos += open[0].length;
    if (open[2] === "}") return { kind: "tabstop", index };
    if (open[2] === ":") {
      const children = this.pieces(true);
      this.expect("}");
      return { kind: "placeholder", index, children };
    }
    const options: string[] = [];
    let option = "";
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) throw new Error(`unterminated choice \${${index}|…`);
      if (c === "\\" && ",|\\".includes(this.text[this.pos + 1] ?? "")) {
        option += this.text[this.pos + 1];
        this.pos += 2;
      } else if (c === "," || c === "|") {
        options.push(option);
        option = "";
        this.pos++;
        if (c === "|") break;
      } else {
        option += c;
        this.pos++;
      }
    }
    this.expect("}");
    return { kind: "choice", index, options };
  }

  private expect(c: string): void {
    if (this.text[this.pos] !== c) throw new Error(`expected '${c}' at ${this.pos} in ${JSON.stringify(this.text)}`);
    this.pos++;
  }
}
