// Fan-out across replicas: two workers (two connection pools on PostgreSQL; two workers on the
// one PGlite database) send 200 DMs through the Slack stand-in and its real rate limits. Every
// recipient gets exactly one message, stamped with their own row's delivery id.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatPort } from "../../src/core/chat-port.js";
import { type Database, openDatabase } from "../../src/db/database.js";
import { enqueueDeliveries } from "../../src/db/repositories/deliveries.js";
import { builtInRenderers } from "../../src/jobs/delivery-renderers.js";
import { startDeliveryWorker } from "../../src/jobs/delivery-worker.js";
import { createSlackChatPort } from "../../src/slack/chat-port.js";
import { createSlackStandIn, type SlackStandIn } from "../../src/slack-stand-in/index.js";
import { backends, createTestDatabase, type TestDatabase } from "../support/databases.js";
import { addPeople, announcements, createDeliveryTenant, deliveryIdsByRecipient, silentLogger } from "../support/delivery-fakes.js";

const RECIPIENTS = 200;

for (const kind of backends) {
  describe(`delivery fan-out across two workers [${kind}]`, () => {
    let test: TestDatabase | undefined;
    let second: Database | undefined;
    let standIn: SlackStandIn | undefined;

    beforeAll(async () => {
      test = await createTestDatabase(kind);
      second = test.url ? await openDatabase({ databaseUrl: test.url, maxConnections: 5 }) : test.db;
      standIn = createSlackStandIn();
      await standIn.start();
    });
    afterAll(async () => {
      await standIn?.stop();
      if (second !== test?.db) await second?.close();
      await test?.dispose();
    });

    it(`sends each of ${RECIPIENTS} recipients exactly one message`, async () => {
      const ws = standIn!.workspace;
      const people = addPeople(ws, RECIPIENTS);
      const tenantId = await createDeliveryTenant(test!.db, "Fan-out Co");
      // Both replicas plan the same occurrence; the keys make the second plan a no-op.
      const rows = announcements(tenantId, "digest:2025-03-03T08:00Z", people);
      const [newByA, newByB] = await Promise.all([enqueueDeliveries(test!.db.prisma, rows), enqueueDeliveries(second!.prisma, rows)]);
      expect(newByA + newByB).toBe(RECIPIENTS);

      const port = createSlackChatPort({ botToken: standIn!.botToken, apiUrl: standIn!.url, timeoutMs: 5_000 });
      const sendsBy = [0, 0];
      const counting = (index: number): ChatPort => ({
        findDelivered: (...args) => port.findDelivered(...args),
        send: (...args) => {
          sendsBy[index]! += 1;
          return port.send(...args);
        },
      });
      const workers = [test!.db, second!].map((db, index) =>
        startDeliveryWorker({ db, chat: counting(index), renderers: builtInRenderers, owner: `replica-${index + 1}`, logger: silentLogger, pollIntervalMs: 25 }),
      );
      const startedAt = Date.now();
      await Promise.all(workers.map((worker) => worker.drain({ timeoutMs: 120_000 })));
      const elapsedMs = Date.now() - startedAt;
      await Promise.all(workers.map((worker) => worker.stop()));

      const stored = await test!.db.prisma.delivery.findMany({ where: { tenantId }, select: { id: true, recipient: true, status: true, attempts: true } });
      expect(stored.filter((row) => row.status !== "sent")).toEqual([]);
      const idByRecipient = new Map(stored.map((row) => [row.recipient, row.id]));
      const received = deliveryIdsByRecipient(ws, people);
      // Exactly one message per person, carrying their own row's id.
      expect(people.filter((userId) => received.get(userId)!.length !== 1)).toEqual([]);
      expect(people.filter((userId) => received.get(userId)![0] !== idByRecipient.get(userId))).toEqual([]);
      expect(ws.callLog("chat.postMessage").filter((call) => call.ok)).toHaveLength(RECIPIENTS);
      // Both replicas took part.
      expect(sendsBy[0]! + sendsBy[1]!).toBe(RECIPIENTS);
      expect(Math.min(...sendsBy)).toBeGreaterThan(0);
      console.log(`[${kind}] ${RECIPIENTS} DMs by two workers in ${elapsedMs} ms (sends: ${sendsBy.join(" + ")})`);
    });
  });
}
