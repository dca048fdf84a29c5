// What a deal's "What if this closes?" button carries. The value travels through the chat
// platform and back, so it is read with zod; the answer (what-if-deal-button.ts) checks again
// everything it names.
import { z } from "zod";
import type { Period } from "../period-spec.js";
import type { ReplyButton } from "../reply.js";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The action id of every "What if this closes?" button (each platform adapter registers it). */
export const WHAT_IF_DEAL_ACTION = "what_if_deal";

/** What the button carries: the deal, its owner (whose what-if it is) and the period asked about. */
export const whatIfDealValueSchema = z.object({
  /** Version of this shape. */
  v: z.literal(1),
  deal: z.string().min(1).max(100),
  owner: z.string().min(1).max(100),
  period: z.object({ kind: z.enum(["month", "quarter", "half", "year"]), start: z.string().regex(ISO_DATE) }),
});

export type WhatIfDealValue = z.infer<typeof whatIfDealValueSchema>;

/** The button that answers "what if `deal` closes" for its owner in `period`. */
export function whatIfDealButton(label: string, deal: { id: string; ownerId: string }, period: Period): ReplyButton {
  const value: WhatIfDealValue = { v: 1, deal: deal.id, owner: deal.ownerId, period: { kind: period.kind, start: period.start } };
  return { label, actionId: WHAT_IF_DEAL_ACTION, value: JSON.stringify(value) };
}

/** The button's value, or null when it does not read as one of ours (altered, or not JSON). */
export function readWhatIfDealValue(value: string): WhatIfDealValue | null {
  try {
    const parsed = whatIfDealValueSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

