/**
 * Prisma's `contains` becomes LIKE '%term%' without escaping, so `%` and `_` in a search
 * term act as wildcards (and `\` as PostgreSQL's escape character). Searches whose term
 * has them take the database's match as a superset and narrow it literally in code.
 */
export function hasLikeWildcards(term: string): boolean {
  return /[%_\\]/.test(term);
}
