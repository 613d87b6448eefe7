/** "2 users and 1 client": how many hold a role, for the delete confirmation and its refusal. */
export function assignmentSummary(userCount: number, clientCount: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(userCount, "user")} and ${plural(clientCount, "client")}`;
}
