// A small JS/TS tokenizer for finding object keys: comments, strings, templates and regexes never look like code.

/** One token: an identifier or keyword, a string literal's value, a number, or a punctuator. */
export interface Token {
  kind: "name" | "string" | "number" | "punct" | "other";
  /** The identifier, the string's value (escapes resolved simply), or the punctuator itself. */
  value: string;
  /** Offset of the token's first character in the source text. */
  start: number;
}

/** A source text cut into tokens, with matching brackets paired. */
export interface ScannedSource {
  text: string;
  tokens: Token[];
  /** For each `(`, `[`, `{` token, the index of its closing token (and back); -1 elsewhere or when unbalanced. */
  partner: Int32Array;
}

// Longest first, so that `...` is not read as three dots and `=>` not as `=` then `>`. `>` always
// stands alone so that the `>>` closing nested type arguments still counts as two.
const PUNCTUATORS = [
  "...",
  "===",
  "!==",
  "**=",
  "<<=",
  "&&=",
  "||=",
  "??=",
  "=>",
  "==",
  "!=",
  "<=",
  "&&",
  "||",
  "??",
  "?.",
  "++",
  "--",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "**",
  "<<",
];

// After these a `/` starts a regular expression rather than a division.
const BEFORE_REGEX_NAMES = new Set(["return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await"]);

const IDENTIFIER = /[\p{ID_Start}$_#][\p{ID_Continue}$\u200c\u200d]*/uy;
const NUMBER = /(?:0[xXoObB][\da-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?)n?/y;

/** Tokenizes `text`; never throws (unterminated constructs end at the end of the text). */
export function scan(text: string): ScannedSource {
  const tokens: Token[] = [];
  // What each open `{` belongs to: a plain brace, or a template literal's `${`, whose `}` resumes the template.
  const braces: boolean[] = [];
  let i = 0;
  const n = text.length;

  const regexAllowed = (): boolean => {
    const prev = tokens[tokens.length - 1];
    if (!prev) return true;
    if (prev.kind === "punct") return prev.value !== ")" && prev.value !== "]" && prev.value !== "}";
    return prev.kind === "name" && BEFORE_REGEX_NAMES.has(prev.value);
  };

  /** Skips template text from `i` (just after a backtick or a `}` closing `${`): to the closing backtick or the next `${`. */
  const templateText = (): void => {
    while (i < n) {
      const c = text[i]!;
      if (c === "\\") i += 2;
      else if (c === "`") {
        i++;
        return;
      } else if (c === "$" && text[i + 1] === "{") {
        i += 2;
        braces.push(true);
        return;
      } else i++;
    }
  };

  while (i < n) {
    const c = text[i]!;
    const start = i;
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\uFEFF" || c === "\u00a0" || c === "\u2028" || c === "\u2029") {
      i++;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < n && text[i] !== "\n") i++;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '"' || c === "'") {
      i++;
      let value = "";
      while (i < n && text[i] !== c && text[i] !== "\n") {
        if (text[i] === "\\") {
          value += text[i + 1] ?? "";
          i += 2;
        } else value += text[i++];
      }
      i++;
      tokens.push({ kind: "string", value, start });
    } else if (c === "`") {
      i++;
      templateText();
      tokens.push({ kind: "other", value: "`", start });
    } else if (c === "/" && regexAllowed()) {
      i = regexEnd(text, i);
      tokens.push({ kind: "other", value: "/", start });
    } else if ((c >= "0" && c <= "9") || (c === "." && text[i + 1]! >= "0" && text[i + 1]! <= "9")) {
      NUMBER.lastIndex = i;
      i = NUMBER.exec(text) ? NUMBER.lastIndex : i + 1;
      tokens.push({ kind: "number", value: text.slice(start, i), start });
    } else {
      IDENTIFIER.lastIndex = i;
      const name = IDENTIFIER.exec(text);
      if (name) {
        i = IDENTIFIER.lastIndex;
        tokens.push({ kind: "name", value: name[0], start });
      } else if (c === "{") {
        braces.push(false);
        i++;
        tokens.push({ kind: "punct", value: c, start });
      } else if (c === "}") {
        i++;
        if (braces.pop() === true) templateText();
        else tokens.push({ kind: "punct", value: c, start });
      } else {
        const op = PUNCTUATORS.find((p) => text.startsWith(p, i)) ?? c;
        i += op.length;
        tokens.push({ kind: "punct", value: op, start });
      }
    }
  }
  return { text, tokens, partner: pairBrackets(tokens) };
}

/** The offset just after a regular expression literal starting at `i` (a `/`), flags included. */
export function regexEnd(text: string, i: number): number {
  let inClass = false;
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === "\n") return i + 1; // not a regex after all: treat the `/` alone
    if (c === "\\") j++;
    else if (c === "[") inClass = true;
    else if (c === "]") inClass = false;
    else if (c === "/" && !inClass) {
      j++;
      while (j < text.length && /[a-z]/i.test(text[j]!)) j++;
      return j;
    }
  }
  return i + 1;
}

const OPENERS: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

function pairBrackets(tokens: Token[]): Int32Array {
  const partner = new Int32Array(tokens.length).fill(-1);
  const open: number[] = [];
  tokens.forEach((t, i) => {
    if (t.kind !== "punct") return;
    if (OPENERS[t.value]) open.push(i);
    else if (t.value === ")" || t.value === "]" || t.value === "}") {
      // Unbalanced text (a model with a syntax error never gets here, but be safe): drop mismatched openers.
      while (open.length) {
        const o = open.pop()!;
        if (OPENERS[tokens[o]!.value] === t.value) {
          partner[o] = i;
          partner[i] = o;
          break;
        }
      }
    }
  });
  return partner;
}

/** 1-based line and column of an offset in a text, from the text's line starts. */
export function lineColumn(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
}

/** Offsets at which each line of `text` starts. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}
