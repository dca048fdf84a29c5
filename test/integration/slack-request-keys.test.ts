// Request keys claimed in groups (group commit): each key is let through once, however the
// claims of a burst are grouped, on one process or on two sharing the database.
import { expect, it } from "vitest";
import { createSlackRequestKeys } from "../../src/db/repositories/slack-request-keys.js";
import { describeEachBackend } from "../support/databases.js";

const LATER = new Date("2030-01-01T00:00:00Z");

describeEachBackend("slack request keys", ({ db }) => {
  it("lets each of a burst of distinct keys through once, and none of them again", async () => {
    const keys = createSlackRequestKeys(db().prisma);
    const burst = Array.from({ length: 1_200 }, (_, index) => `burst:${index}`);
    // More than one group's worth, all in flight at once.
    expect(await Promise.all(burst.map((key) => keys.claim(key, LATER)))).toEqual(burst.map(() => true));
    expect(await Promise.all(burst.slice(0, 50).map((key) => keys.claim(key, LATER)))).toEqual(burst.slice(0, 50).map(() => false));
    expect(await db().prisma.slackRequestKey.count({ where: { key: { startsWith: "burst:" } } })).toBe(1_200);
  });

  it("lets a key through once when its claims land in the same group, or on two processes", async () => {
    const one = createSlackRequestKeys(db().prisma);
    const two = createSlackRequestKeys(db().prisma);
    // The first claim opens a write; the next ones queue behind it and go out as one group.
    const claims = [one.claim("warm-up", LATER), one.claim("same", LATER), one.claim("same", LATER), two.claim("same", LATER), two.claim("same", LATER)];
    const [, ...same] = await Promise.all(claims);
    expect(same.filter(Boolean)).toHaveLength(1);
    expect(await one.claim("same", LATER)).toBe(false);
  });

  it("forgets keys once they have expired", async () => {
    const keys = createSlackRequestKeys(db().prisma);
    await keys.claim("old", new Date("2020-01-01T00:00:00Z"));
    expect(await keys.purgeExpired(new Date("2021-01-01T00:00:00Z"))).toBeGreaterThanOrEqual(1);
    expect(await keys.claim("old", LATER)).toBe(true);
  });
});
