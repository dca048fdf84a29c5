/**
 * Which groups of respondents may show figures, so that no group smaller than the threshold can
 * be isolated by combining what viewers see (issue 10, defect 1). A "set" is a group some
 * viewer can see figures of — the whole audience, a manager's organisation (nested views), a
 * team, a band within one of those — made of "cells" (one team × one attainment band), whose
 * respondent counts are all the rule needs.
 *
 * The rule: partition the cells by which shown sets contain them (the atoms of the shown sets).
 * Every figure anyone can work out by adding and subtracting shown figures — the VP's minus a
 * manager's, everyone's minus the VP's, a team's minus its bands — is constant on those atoms,
 * so it is a sum over whole atoms. Hence: **every atom must hold 0 or at least `threshold`
 * respondents**. For nested management views this says exactly that a subtree is shown only
 * when it and every complement it leaves inside each larger shown view meet the threshold (and
 * cuts likewise). While an atom is too small, one shown set is hidden — the one whose hiding
 * merges that atom with another and that holds the fewest respondents — and the atoms are
 * worked out again; the whole audience is hidden last. Every viewer's views are decided
 * together, so viewers who compare notes learn no more than one alone.
 */

/** A group some viewer can see figures of: its id and the cells it covers. */
export interface DisclosureSet {
  readonly id: string;
  readonly cells: readonly string[];
}

/**
 * The ids of the sets whose figures may be shown, given respondents per cell (cells absent
 * count 0). A set below `threshold` is never shown; the others are shown unless hiding them is
 * needed for the atom rule above. Sets covering exactly the same cells are shown or hidden together.
 */
export function disclosableSets(counts: ReadonlyMap<string, number>, sets: readonly DisclosureSet[], threshold: number): Set<string> {
  const countOf = (cell: string) => counts.get(cell) ?? 0;
  // Sets with the same cells are one group: hiding one of two equal sets would change nothing.
  const groups = new Map<string, { ids: string[]; cells: Set<string>; count: number }>();
  for (const set of sets) {
    const cells = [...new Set(set.cells)].filter((cell) => countOf(cell) > 0).sort();
    const key = cells.join("\u0000");
    const group = groups.get(key);
    if (group) group.ids.push(set.id);
    else groups.set(key, { ids: [set.id], cells: new Set(cells), count: cells.reduce((sum, cell) => sum + countOf(cell), 0) });
  }
  const candidates = [...groups.values()].filter((group) => group.count >= threshold && group.count > 0);
  // Deterministic order: fewest respondents first, then by id.
  candidates.sort((a, b) => a.count - b.count || (a.ids[0]! < b.ids[0]! ? -1 : a.ids[0]! > b.ids[0]! ? 1 : 0));
  const shown = new Set(candidates.map((_, index) => index));
  const cells = [...new Set(sets.flatMap((set) => set.cells))].filter((cell) => countOf(cell) > 0);

  for (;;) {
    // The atoms: cells grouped by the shown sets containing them. Cells in no shown set are in no figure.
    const atoms = new Map<string, { members: number[]; count: number }>();
    for (const cell of cells) {
      const members = [...shown].filter((index) => candidates[index]!.cells.has(cell));
      if (members.length === 0) continue;
      const key = members.join(",");
      const atom = atoms.get(key);
      if (atom) atom.count += countOf(cell);
      else atoms.set(key, { members, count: countOf(cell) });
    }
    const small = [...atoms.values()].filter((atom) => atom.count < threshold).sort((a, b) => a.count - b.count)[0];
    if (small === undefined) break;
    const signature = (members: readonly number[]) => members.join(",");
    const own = new Set(small.members);
    let hide = -1;
    for (const index of shown) {
      // Hiding `index` merges the small atom with the atom differing from it in `index` alone.
      const toggled = own.has(index) ? small.members.filter((member) => member !== index) : [...small.members, index].sort((a, b) => a - b);
      const partner = toggled.length === 0 ? undefined : atoms.get(signature(toggled));
      if (partner === undefined) continue;
      if (hide === -1 || candidates[index]!.count < candidates[hide]!.count) hide = index;
    }
    if (hide === -1) {
      // No single hiding merges it: hide the smallest shown set it belongs to.
      for (const index of small.members) if (hide === -1 || candidates[index]!.count < candidates[hide]!.count) hide = index;
    }
    shown.delete(hide);
  }
  return new Set([...shown].flatMap((index) => candidates[index]!.ids));
}
