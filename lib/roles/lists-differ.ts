/** Whether two lists of names or ids differ as sets (order and repeats are no change). */
export function listsDiffer(before: readonly string[], after: readonly string[]): boolean {
  const a = [...new Set(before)].sort();
  const b = [...new Set(after)].sort();
  return a.length !== b.length || a.some((value, i) => value !== b[i]);
}
