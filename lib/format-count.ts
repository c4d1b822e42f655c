/** A count with thousands separators, the same on server and browser: "200,001". */
export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}
