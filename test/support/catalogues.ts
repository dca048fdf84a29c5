// The checks every bilingual message catalogue gets: the same keys in English and Malay, a
// sample for each, and each message rendered in both without holes or leftover placeholders.
import { expect, it } from "vitest";

export interface BilingualCatalogueCheck<K extends string> {
  catalogues: { en: Record<K, unknown>; ms: Record<K, unknown> };
  samples: Record<K, unknown>;
  render: (locale: "en" | "ms", key: K, params: unknown) => string;
  /** Keys whose text may read the same in both languages (names, numbers, shared vocabulary). */
  sameInBoth?: ReadonlySet<K>;
  /** What must never appear in a rendered message. */
  forbidden?: RegExp;
}

export function itChecksBilingualCatalogue<K extends string>(check: BilingualCatalogueCheck<K>): void {
  const forbidden = check.forbidden ?? /undefined|NaN|null|\[object|\$\{/;
  it("has the same keys in English and Malay, and a sample for each", () => {
    const english = Object.keys(check.catalogues.en).sort();
    expect(Object.keys(check.catalogues.ms).sort()).toEqual(english);
    expect(Object.keys(check.samples).sort()).toEqual(english);
  });

  it.each(Object.keys(check.samples) as K[])("renders %s in both languages", (key) => {
    const english = check.render("en", key, check.samples[key]);
    const malay = check.render("ms", key, check.samples[key]);
    for (const text of [english, malay]) {
      expect(text.trim()).not.toBe("");
      expect(text).not.toMatch(forbidden);
    }
    if (!check.sameInBoth?.has(key)) expect(malay).not.toBe(english);
  });
}
