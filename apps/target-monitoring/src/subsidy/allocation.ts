/**
 * Splits an amount of kopecks over shares (metal content per product), in
 * proportion, to whole kopecks that add up exactly: the remainder goes to
 * the largest share.
 */
export function allocateKopecks(amount: bigint, shares: Map<string, number>): Map<string, bigint> {
  const total = [...shares.values()].reduce((sum, share) => sum + share, 0);
  const entries = [...shares].sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return new Map();
  if (total <= 0) return new Map([[entries[0][0], amount]]);
  const parts = new Map(
    entries.map(([key, share]) => [key, (amount * BigInt(Math.round(share * 1e6))) / BigInt(Math.round(total * 1e6))]),
  );
  const remainder = amount - [...parts.values()].reduce((sum, part) => sum + part, 0n);
  const [largest] = [...entries].sort(([, a], [, b]) => b - a)[0];
  parts.set(largest, (parts.get(largest) ?? 0n) + remainder);
  return parts;
}
