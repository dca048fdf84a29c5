// Slack's Web API rate limits as token buckets. Each bucket holds `burst` tokens and refills
// continuously at `perMinute`; a call takes one token or is refused with the wait until the
// next token. Buckets are kept per method per workspace (and per channel for chat.postMessage).
import type { Clock } from "./clock.js";

export type RateTier = 1 | 2 | 3 | 4;

/** Requests per minute of each documented tier (https://docs.slack.dev/apis/web-api/rate-limits). */
export const TIER_PER_MINUTE: Readonly<Record<RateTier, number>> = { 1: 1, 2: 20, 3: 50, 4: 100 };

export type MethodRateLimit =
  | { kind: "tier"; tier: RateTier; source: string }
  | { kind: "special"; perMinute: number; source: string }
  | { kind: "per-channel"; source: string }
  | { kind: "none"; source: string };

/**
 * The tier of each method the stand-in answers, as each method's reference page states it.
 * `source` records where the assignment came from so that it can be re-checked.
 */
export const METHOD_RATE_LIMITS: Readonly<Record<string, MethodRateLimit>> = {
  // "Special rate limits apply … hundreds of requests per minute": 300/min stands in for "hundreds".
  "auth.test": { kind: "special", perMinute: 300, source: "docs.slack.dev/reference/methods/auth.test" },
  "users.info": { kind: "tier", tier: 4, source: "docs.slack.dev/reference/methods/users.info (Tier 4)" },
  "users.lookupByEmail": { kind: "tier", tier: 3, source: "docs.slack.dev/reference/methods/users.lookupByEmail (Tier 3)" },
  "conversations.open": { kind: "tier", tier: 3, source: "api.slack.com/methods/conversations.open (Tier 3)" },
  // Internal and Marketplace apps keep Tier 3; non-Marketplace commercial apps get 1/min since 2025-05-29.
  "conversations.history": { kind: "tier", tier: 3, source: "docs.slack.dev/reference/methods/conversations.history (Tier 3, internal apps)" },
  "chat.postMessage": { kind: "per-channel", source: "docs.slack.dev/apis/web-api/rate-limits (1 per second per channel, short bursts)" },
  "chat.postEphemeral": { kind: "tier", tier: 4, source: "api.slack.com/methods/chat.postEphemeral (Tier 4)" },
  "chat.update": { kind: "tier", tier: 3, source: "api.slack.com/methods/chat.update (Tier 3)" },
  "views.open": { kind: "tier", tier: 4, source: "api.slack.com/methods/views.open (Tier 4)" },
  "views.update": { kind: "tier", tier: 4, source: "api.slack.com/methods/views.update (Tier 4)" },
  "views.publish": { kind: "tier", tier: 4, source: "api.slack.com/methods/views.publish (Tier 4)" },
  "files.getUploadURLExternal": { kind: "tier", tier: 4, source: "api.slack.com/methods/files.getUploadURLExternal (Tier 4)" },
  "files.completeUploadExternal": { kind: "tier", tier: 4, source: "api.slack.com/methods/files.completeUploadExternal (Tier 4)" },
};

export interface RateLimitOptions {
  /** Multiplies every allowance (rates and bursts): 2 allows twice as much, 0.5 half. Default 1 (Slack's numbers). */
  scale?: number;
  /** Requests per minute per tier, replacing Slack's 1/20/50/100. */
  tiers?: Partial<Record<RateTier, number>>;
  /** Per-method overrides, e.g. { "users.info": { perMinute: 5 } }. `burst` defaults to perMinute. */
  methods?: Record<string, { perMinute: number; burst?: number }>;
  postMessage?: {
    /** Messages per second per channel. Default 1. */
    perChannelPerSecond?: number;
    /** Messages a channel may take at once before the per-second pace applies. Slack only says ">1"; default 3. */
    burst?: number;
    /** Slack keeps a workspace-wide cap it does not publish; off unless set (messages per minute). */
    workspacePerMinute?: number;
  };
}

export interface BucketSpec {
  burst: number;
  perMs: number;
}

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly spec: BucketSpec,
    now: number,
  ) {
    this.tokens = spec.burst;
    this.updatedAt = now;
  }

  /** Milliseconds until a token is available (0 = now), after refilling up to `now`. */
  waitMs(now: number): number {
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.spec.burst, this.tokens + elapsed * this.spec.perMs);
    this.updatedAt = Math.max(this.updatedAt, now);
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.spec.perMs);
  }

  take(): void {
    this.tokens -= 1;
  }
}

export interface RateDecision {
  allowed: boolean;
  /** Whole seconds for the Retry-After header (at least 1) when refused. */
  retryAfterSeconds?: number;
}

/** Keeps the buckets of one stand-in; `check` consumes a token from every bucket the call touches. */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly scale: number;

  constructor(
    private readonly options: RateLimitOptions,
    private readonly clock: Clock,
  ) {
    this.scale = options.scale ?? 1;
    if (!(this.scale > 0)) throw new RangeError("rate limit scale must be positive");
  }

  check(teamId: string, method: string, channel?: string): RateDecision {
    const specs = this.specsFor(teamId, method, channel);
    const now = this.clock();
    const buckets = specs.map(([key, spec]) => {
      let bucket = this.buckets.get(key);
      if (!bucket) {
        bucket = new TokenBucket(spec, now);
        this.buckets.set(key, bucket);
      }
      return bucket;
    });
    // A refused call takes no token from any bucket, so a 429 does not lengthen the wait.
    const waitMs = Math.max(0, ...buckets.map((bucket) => bucket.waitMs(now)));
    if (waitMs === 0) {
      for (const bucket of buckets) bucket.take();
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  reset(): void {
    this.buckets.clear();
  }

  private specsFor(teamId: string, method: string, channel?: string): Array<[string, BucketSpec]> {
    const override = this.options.methods?.[method];
    if (override) {
      return [[`${teamId}:${method}`, this.perMinute(override.perMinute, override.burst ?? override.perMinute)]];
    }
    const limit = METHOD_RATE_LIMITS[method];
    if (!limit || limit.kind === "none") return [];
    if (limit.kind === "tier") {
      const perMinute = this.options.tiers?.[limit.tier] ?? TIER_PER_MINUTE[limit.tier];
      return [[`${teamId}:${method}`, this.perMinute(perMinute, perMinute)]];
    }
    if (limit.kind === "special") return [[`${teamId}:${method}`, this.perMinute(limit.perMinute, limit.perMinute)]];
    const post = this.options.postMessage ?? {};
    const perSecond = (post.perChannelPerSecond ?? 1) * this.scale;
    const specs: Array<[string, BucketSpec]> = [
      [`${teamId}:${method}:${channel ?? "?"}`, { burst: this.scaledBurst(post.burst ?? 3), perMs: perSecond / 1000 }],
    ];
    if (post.workspacePerMinute !== undefined) {
      specs.push([`${teamId}:${method}`, this.perMinute(post.workspacePerMinute, post.workspacePerMinute)]);
    }
    return specs;
  }

  private perMinute(perMinute: number, burst: number): BucketSpec {
    return { burst: this.scaledBurst(burst), perMs: (perMinute * this.scale) / 60_000 };
  }

  private scaledBurst(burst: number): number {
    return Math.max(1, Math.round(burst * this.scale));
  }
}
