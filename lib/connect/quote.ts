// Values inside code snippets, written so that no value can end its string or comment and
// become code: every snippet is built from these and nothing else. A client's name and
// roles only ever appear in comments; URLs and ids only in string literals.

// Control and format characters (bidirectional overrides included, "Trojan Source") and
// every line or paragraph separator some language ends a line comment at (C# and
// JavaScript: U+0085, U+2028, U+2029).
const NOT_IN_COMMENTS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu;
const MAX_COMMENT_TEXT = 120;

/** Text for one line comment: on one line, without invisible characters, not too long. */
export function commentText(text: string): string {
  const line = text.replace(NOT_IN_COMMENTS, " ").replace(/\s+/g, " ").trim();
  return line.length > MAX_COMMENT_TEXT ? `${line.slice(0, MAX_COMMENT_TEXT - 1)}…` : line;
}

/**
 * Line comments in a snippet's language; the only way a snippet writes one. Python reads a
 * comment on its first two lines that says `coding: <name>` as the file's encoding, and
 * `unicode_escape` would turn a name's literal "\n" into a line of code: "coding" never
 * meets ":" or "=" there. Shell snippets carry no comment at all (see clientSecretSnippets).
 */
export function commentLines(language: "python" | "javascript" | "csharp" | "powershell", lines: string[]): string {
  const marker = language === "python" || language === "powershell" ? "#" : "//";
  const safe = language === "python" ? (line: string) => line.replace(/coding(?=[:=])/gi, "coding ") : (line: string) => line;
  return lines.map((line) => `${marker} ${safe(line)}`).join("\n");
}

const ESCAPES: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * A double-quoted literal with only printable ASCII inside: everything else escaped, so no
 * character the language counts as a line end (C#: U+2028) or a quote can appear raw.
 */
function doubleQuoted(value: string, astral: (hex: string) => string): string {
  let out = "";
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (ESCAPES[char]) out += ESCAPES[char];
    else if (code >= 0x20 && code < 0x7f) out += char;
    else if (code > 0xffff) out += astral(code.toString(16));
    else out += `\\u${code.toString(16).padStart(4, "0")}`;
  }
  return `"${out}"`;
}

/** A JavaScript string literal. */
export const jsString = (value: string) => doubleQuoted(value, (hex) => `\\u{${hex}}`);
/** A Python string literal. */
export const pyString = (value: string) => doubleQuoted(value, (hex) => `\\U${hex.padStart(8, "0")}`);
/** A C# regular string literal. */
export const csString = (value: string) => doubleQuoted(value, (hex) => `\\U${hex.padStart(8, "0")}`);

/** A POSIX shell word: single quotes, inside which only the quote itself needs care. */
export function shellWord(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * A PowerShell verbatim string. PowerShell also takes the typographic single quotes
 * (U+2018 to U+201B) as quotes, so those are doubled too.
 */
export function psString(value: string): string {
  return `'${value.replace(/['\u2018-\u201b]/g, "$&$&")}'`;
}
