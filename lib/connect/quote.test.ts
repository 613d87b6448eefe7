import { describe, expect, it } from "vitest";
import { commentText, csString, jsString, psString, pyString, shellWord } from "./quote";

// Values an administrator or operator could put in a name, a URL or a key id.
const HOSTILE = [
  `plain`,
  `it's "quoted" \\ back\\slash`,
  "new\nline\r\nand\ttab",
  "line\u2028separator\u2029and\u0085next-line",
  "`$(touch /tmp/pwned)` ${HOME} $env:PATH",
  "‘typographic’ ‚quotes‛",
  "*/ --> <!-- #> <#",
  "\u202eevil\u202c bidi",
  "emoji 😀 and ü",
];

describe("string literals", () => {
  it.each(HOSTILE)("a JavaScript literal reads back as %j and holds only printable ASCII", (value) => {
    const literal = jsString(value);
    expect(literal).toMatch(/^"[\x20-\x7e]*"$/);
    expect((0, eval)(literal)).toBe(value);
  });

  it.each(HOSTILE)("Python and C# literals of %j escape every quote, backslash and line end", (value) => {
    for (const literal of [pyString(value), csString(value)]) {
      expect(literal).toMatch(/^"[\x20-\x7e]*"$/);
      // Inside, a quote is always escaped: the literal cannot end early.
      expect(literal.slice(1, -1).replace(/\\\\/g, "")).not.toMatch(/(^|[^\\])"/);
    }
    // Outside the astral plane both read back as JSON does.
    const bmp = value.replace("😀", "");
    expect(JSON.parse(pyString(bmp))).toBe(bmp);
    expect(JSON.parse(csString(bmp))).toBe(bmp);
    expect(pyString("😀")).toBe('"\\U0001f600"');
  });

  it.each(HOSTILE)("a shell word of %j is one single-quoted word", (value) => {
    const word = shellWord(value);
    // Split on the only way out of single quotes ('\''): every part is quoted again.
    const parts = word.slice(1, -1).split(`'\\''`);
    expect(parts.join("'")).toBe(value);
    for (const part of parts) expect(part).not.toContain("'");
  });

  it.each(HOSTILE)("a PowerShell verbatim string of %j doubles every kind of single quote", (value) => {
    const literal = psString(value);
    const inner = literal.slice(1, -1);
    expect(inner.replace(/(['\u2018-\u201b])\1/g, "")).not.toMatch(/['\u2018-\u201b]/);
    expect(inner.replace(/(['\u2018-\u201b])\1/g, "$1")).toBe(value);
  });
});

describe("commentText", () => {
  it("keeps a comment on one line without invisible characters", () => {
    for (const value of HOSTILE) {
      const text = commentText(value);
      expect(text).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
      expect(text).toBe(text.trim());
    }
    expect(commentText("Plant\nhistorian\u202e  04")).toBe("Plant historian 04");
  });

  it("shortens very long text", () => {
    expect(commentText("x".repeat(500))).toHaveLength(120);
  });
});
