export interface GroupTally {
  key: string;
  hash: number;
  size: number;
  stratum: string;
}

/**
 * Chooses whole groups for validation when the split needs to see every group first (a count, or stratification):
 * per stratum, groups in seeded-hash order are added while they fit the stratum's target. The hash order makes the
 * choice reproducible and mostly stable when data is added.
 */
export function chooseValidationGroups(groups: GroupTally[], validation: number): Set<string> {
  const total = groups.reduce((sum, group) => sum + group.size, 0);
  const strata = new Map<string, GroupTally[]>();
  for (const group of groups) {
    const list = strata.get(group.stratum) ?? [];
    list.push(group);
    strata.set(group.stratum, list);
  }
  const chosen = new Set<string>();
  for (const members of strata.values()) {
    const size = members.reduce((sum, group) => sum + group.size, 0);
    const share = validation < 1 ? validation * size : (validation * size) / Math.max(total, 1);
    const target = Math.round(share);
    members.sort((a, b) => a.hash - b.hash || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    let taken = 0;
    for (const group of members) {
      if (taken >= target) break;
      if (taken + group.size > target) continue;
      chosen.add(group.key);
      taken += group.size;
    }
  }
  return chosen;
}
