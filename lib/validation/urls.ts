import { z } from "zod";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);
const MAX_URLS = 50;

/** Problems with one redirect URL, each its own message; empty when it is acceptable. */
export function redirectUrlProblems(value: string): string[] {
  const problems: string[] = [];
  if (value.includes("*")) problems.push(`${value}: wildcards are not allowed; list each URL exactly`);
  if (value.includes("#")) problems.push(`${value}: must not contain a fragment (#…)`);
  if (value.length > 2000) problems.push(`${value.slice(0, 40)}…: is longer than 2000 characters`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [...problems, `${value}: is not an absolute URL (e.g. https://app.example.com/callback)`];
  }
  if (url.protocol === "http:" && !LOOPBACK.has(url.hostname)) {
    problems.push(`${value}: must use https (http is allowed only for localhost, 127.0.0.1 and [::1])`);
  } else if (url.protocol !== "https:" && url.protocol !== "http:") {
    problems.push(`${value}: must use https`);
  }
  if (url.username || url.password) problems.push(`${value}: must not contain a user name or password`);
  return problems;
}

/** Problems with one CORS origin: scheme, host and optional port, nothing more. */
export function corsOriginProblems(value: string): string[] {
  const problems = redirectUrlProblems(value);
  if (problems.some((p) => p.endsWith("is not an absolute URL (e.g. https://app.example.com/callback)"))) {
    return problems.map((p) => p.replace("(e.g. https://app.example.com/callback)", "(e.g. https://app.example.com)"));
  }
  const url = new URL(value);
  if (url.pathname !== "/" || value.replace(/\/$/, "") !== url.origin || url.search) {
    problems.push(`${value}: an origin is only scheme, host and port (e.g. ${url.origin}), without path or query`);
  }
  return problems;
}

/**
 * A list of URLs, from an array (CLI, API) or from one-per-line text (forms). Every
 * problem of every URL is its own issue, so forms show each on its own line.
 */
function urlList(problemsOf: (value: string) => string[], normalize: (value: string) => string) {
  return z.preprocess(
    (input) => (typeof input === "string" ? input.split(/\r?\n/) : input),
    z
      .array(z.string({ error: "Enter the URLs as text, one per line" }), { error: "Enter the URLs, one per line" })
      .transform((values) => values.map((v) => v.trim()).filter(Boolean))
      .superRefine((values, ctx) => {
        if (values.length > MAX_URLS) ctx.addIssue({ code: "custom", message: `At most ${MAX_URLS} entries` });
        const seen = new Set<string>();
        values.forEach((value) => {
          const problems = problemsOf(value);
          for (const message of problems) ctx.addIssue({ code: "custom", message });
          // Compare what will be stored: "https://a.example" and "https://a.example/" are one origin.
          const key = problems.length ? value : normalize(value);
          if (seen.has(key)) ctx.addIssue({ code: "custom", message: `${value}: is listed twice` });
          seen.add(key);
        });
      })
      .transform((values) => values.map(normalize)),
  );
}

export const ZRedirectUris = urlList(redirectUrlProblems, (v) => v);
export const ZCorsOrigins = urlList(corsOriginProblems, (v) => new URL(v).origin);
