/**
 * Fewest items a statistic may rest on: below it, a bootstrap only reshuffles a handful of values (its interval
 * means nothing, so Hoeffding's is given instead), and no verdict or gate claims a difference.
 */
export const MIN_ITEMS = 6;
