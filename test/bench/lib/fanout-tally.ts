// What one fan-out replica reports about its own work (lib/fanout-replica.ts prints it as JSON
// lines; the bench parses them here), and the sum over replicas.
import { z } from "zod";

export const replicaTallySchema = z.object({
  /** chat.postMessage calls that Slack accepted (the message exists). */
  sent: z.number(),
  /** Milliseconds spent in ChatPort.send (uploads included), summed over concurrent sends. */
  sendMs: z.number(),
  /** Refusals by the method that was refused (files.getUploadURLExternal, chat.postMessage, ...). */
  rateLimited: z.record(z.string(), z.number()),
  transient: z.number(),
  /** Permanent failures by Slack's reason. */
  permanent: z.record(z.string(), z.number()),
  /** findDelivered calls: rows claimed again that might have reached Slack already. */
  lookups: z.number(),
  lookupsFound: z.number(),
  lookupsNotFound: z.number(),
  lookupsFailed: z.number(),
  /** Renders per delivery kind and their total milliseconds (a digest's includes drawing its chart). */
  renders: z.record(z.string(), z.object({ count: z.number(), ms: z.number() })),
});

export type ReplicaTally = z.infer<typeof replicaTallySchema>;

export const replicaLineSchema = z.object({
  fanout: z.enum(["ready", "started", "progress", "stopped"]),
  replica: z.string(),
  pid: z.number().optional(),
  tally: replicaTallySchema.optional(),
});

export type ReplicaLine = z.infer<typeof replicaLineSchema>;

export function emptyReplicaTally(): ReplicaTally {
  return { sent: 0, sendMs: 0, rateLimited: {}, transient: 0, permanent: {}, lookups: 0, lookupsFound: 0, lookupsNotFound: 0, lookupsFailed: 0, renders: {} };
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [key, value] of Object.entries(from)) into[key] = (into[key] ?? 0) + value;
}

export function sumTallies(tallies: readonly ReplicaTally[]): ReplicaTally {
  const total = emptyReplicaTally();
  for (const tally of tallies) {
    total.sent += tally.sent;
    total.sendMs += tally.sendMs;
    addCounts(total.rateLimited, tally.rateLimited);
    total.transient += tally.transient;
    addCounts(total.permanent, tally.permanent);
    total.lookups += tally.lookups;
    total.lookupsFound += tally.lookupsFound;
    total.lookupsNotFound += tally.lookupsNotFound;
    total.lookupsFailed += tally.lookupsFailed;
    for (const [kind, render] of Object.entries(tally.renders)) {
      const entry = (total.renders[kind] ??= { count: 0, ms: 0 });
      entry.count += render.count;
      entry.ms += render.ms;
    }
  }
  return total;
}
