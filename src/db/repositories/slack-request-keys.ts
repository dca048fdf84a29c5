// Keys of the signed Slack requests already let through (table slack_request_key): the first
// replica to insert a key runs the request; an exact replay or a retry collides on the primary key.
//
// Claims are written in groups: the claims that arrive while one INSERT is on its way go out
// together in the next (group commit). A burst of a thousand clicks a second then costs a few
// dozen statements instead of a thousand, and each claim still waits for its own row to be in
// the table before its request runs.
import type { PrismaClient } from "../generated/client.js";

export interface SlackRequestKeys {
  /** True when `key` was not claimed before (this request runs); false for a replay. */
  claim(key: string, expiresAt: Date): Promise<boolean>;
  /** Deletes keys whose request could no longer be accepted anyway; returns how many. */
  purgeExpired(now: Date): Promise<number>;
}

interface PendingClaim {
  key: string;
  expiresAt: Date;
  settle: (claimed: boolean) => void;
  fail: (error: unknown) => void;
}

/** At most this many keys in one INSERT; more wait for the next. */
const MAX_GROUP = 500;

export function createSlackRequestKeys(prisma: PrismaClient): SlackRequestKeys {
  let waiting: PendingClaim[] = [];
  let writing = false;

  async function writeGroup(group: PendingClaim[]): Promise<void> {
    // The first claim of a key in the group is the one that may win; a repeat inside the same
    // group is a replay of it.
    const first = new Map<string, PendingClaim>();
    for (const claim of group) if (!first.has(claim.key)) first.set(claim.key, claim);
    const keys = [...first.keys()];
    try {
      // ON CONFLICT DO NOTHING: a concurrent claim on another replica waits for ours and loses.
      const inserted = await prisma.$queryRaw<Array<{ key: string }>>`
        INSERT INTO slack_request_key (key, expires_at)
        SELECT * FROM unnest(${keys}::text[], ${keys.map((key) => first.get(key)!.expiresAt.toISOString())}::timestamptz[])
        ON CONFLICT (key) DO NOTHING
        RETURNING key`;
      const won = new Set(inserted.map((row) => row.key));
      for (const claim of group) claim.settle(first.get(claim.key) === claim && won.has(claim.key));
    } catch (error) {
      for (const claim of group) claim.fail(error);
    }
  }

  async function drain(): Promise<void> {
    writing = true;
    try {
      while (waiting.length > 0) {
        const group = waiting.slice(0, MAX_GROUP);
        waiting = waiting.slice(group.length);
        await writeGroup(group);
      }
    } finally {
      writing = false;
    }
  }

  return {
    claim(key, expiresAt) {
      return new Promise<boolean>((settle, fail) => {
        waiting.push({ key, expiresAt, settle, fail });
        if (!writing) void drain();
      });
    },
    async purgeExpired(now) {
      const { count } = await prisma.slackRequestKey.deleteMany({ where: { expiresAt: { lt: now } } });
      return count;
    },
  };
}
