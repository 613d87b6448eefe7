/**
 * How a key is named to people: its kid, or (when the kid is just the thumbprint, the
 * default for keys pasted without one) the thumbprint's start, like a secret's hint.
 */
export function keyName(key: { kid: string; thumbprint: string }): string {
  return key.kid === key.thumbprint ? `${key.thumbprint.slice(0, 12)}…` : key.kid;
}
