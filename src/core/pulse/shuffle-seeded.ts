/**
 * A small deterministic PRNG for ordering comments: the same seed gives the same order (tests,
 * and a results page that does not reshuffle on every view), a different round a different one.
 * Not for secrets.
 */

/** 32-bit FNV-1a of a string seed; numbers are taken as they are (low 32 bits). */
function seedState(seed: string | number): number {
  if (typeof seed === "number") return seed >>> 0;
  let hash = 0x811c9dc5;
  for (const unit of new TextEncoder().encode(seed)) {
    hash ^= unit;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A generator of floats in [0, 1): a Weyl sequence (golden-ratio step) through a murmur3-style
 * 32-bit finaliser, which spreads even neighbouring seeds well.
 */
export function seededRandom(seed: string | number): () => number {
  let state = seedState(seed);
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 0x1_0000_0000;
  };
}

/** A shuffled copy of `items` (Fisher–Yates driven by `seededRandom(seed)`); `items` is untouched. */
export function shuffleSeeded<T>(items: readonly T[], seed: string | number): T[] {
  const random = seededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
