// Keys of the signed Slack requests already let through (table slack_request_key): the first
// replica to insert a key runs the request; an exact replay or a retry collides on the primary key.
import type { PrismaClient } from "../generated/client.js";

export interface SlackRequestKeys {
  /** True when `key` was not claimed before (this request runs); false for a replay. */
  claim(key: string, expiresAt: Date): Promise<boolean>;
  /** Deletes keys whose request could no longer be accepted anyway; returns how many. */
  purgeExpired(now: Date): Promise<number>;
}

export function createSlackRequestKeys(prisma: PrismaClient): SlackRequestKeys {
  return {
    async claim(key, expiresAt) {
      // ON CONFLICT DO NOTHING: a concurrent claim on another replica waits for ours and loses.
      const { count } = await prisma.slackRequestKey.createMany({ data: [{ key, expiresAt }], skipDuplicates: true });
      return count === 1;
    },
    async purgeExpired(now) {
      const { count } = await prisma.slackRequestKey.deleteMany({ where: { expiresAt: { lt: now } } });
      return count;
    },
  };
}
