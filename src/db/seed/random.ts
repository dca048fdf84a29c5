// A small seeded PRNG for the generated tenants: the same seed yields the same rows on every
// machine and every Node version (Math.random offers neither).
import { createHash } from "node:crypto";

/** 32-bit seed from any string (first 4 bytes of its sha256). */
export function seedFrom(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32BE(0);
}

export class Random {
  #state: number;

  constructor(seed: number | string) {
    this.#state = (typeof seed === "string" ? seedFrom(seed) : seed) >>> 0;
  }

  /** Uniform in [0, 1) — mulberry32. */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  uniform(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Index drawn with the given (not necessarily normalised) weights. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    let target = this.next() * total;
    for (let index = 0; index < weights.length; index++) {
      target -= weights[index]!;
      if (target < 0) return index;
    }
    return weights.length - 1;
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal around `median` with log-space spread `sigma`. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** A child stream whose sequence depends only on this stream's seed and `label`. */
  fork(label: string): Random {
    return new Random(seedFrom(`${this.#state}:${label}`));
  }
}
