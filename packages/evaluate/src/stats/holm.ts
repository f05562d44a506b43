/**
 * Holm's step-down adjustment (Holm 1979) of a family of p values: sorted ascending, the i-th smallest of m is
 * multiplied by m − i + 1, capped at 1, and never below an adjusted p before it. Rejecting where the adjusted p is
 * under α keeps the chance of any false rejection in the family under α, whatever the dependence between the tests.
 * Null entries (no test) are left null and do not count in m.
 */
export function holmAdjusted(pValues: readonly (number | null)[]): (number | null)[] {
  const tested = pValues.flatMap((p, index) => (p === null ? [] : [{ p, index }])).sort((a, b) => a.p - b.p);
  const adjusted: (number | null)[] = pValues.map(() => null);
  let running = 0;
  tested.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (tested.length - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}
