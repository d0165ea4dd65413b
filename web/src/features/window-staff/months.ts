/** The China-time month (YYYY-MM) of an instant. */
export function chinaMonth(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

/** The `count` months up to the one of `at` (China time), newest first. */
export function recentMonths(at: Date, count = 12): string[] {
  const [y, m] = chinaMonth(at).split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    return d.toISOString().slice(0, 7);
  });
}
