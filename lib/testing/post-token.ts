// A token endpoint request as an application sends it: a form body, and the client's
// secret in an Authorization: Basic header when one is given (client_secret_basic).
export type TokenAnswer = { status: number; headers: Headers; body: Record<string, unknown> };

export function basicAuthorization(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`;
}

export async function postToken(
  issuer: string,
  form: Record<string, string>,
  options: { basic?: { clientId: string; secret: string }; headers?: Record<string, string>; path?: string } = {},
): Promise<TokenAnswer> {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", ...options.headers };
  if (options.basic) headers.authorization = basicAuthorization(options.basic.clientId, options.basic.secret);
  const response = await fetch(`${issuer}${options.path ?? "/token"}`, { method: "POST", headers, body: new URLSearchParams(form) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
