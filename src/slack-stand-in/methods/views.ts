import { z } from "zod";
import { renderView } from "../render.js";
import type { StandInView } from "../state.js";
import { TRIGGER_LIFETIME_MS, type WorkspaceModel } from "../workspace.js";
import { json } from "./args.js";
import { defineMethod, fail, succeed, type MethodOutcome } from "./method.js";

/** Slack refuses views over 250 kB. */
const MAX_VIEW_BYTES = 250_000;

const viewPayload = z.looseObject({
  type: z.enum(["modal", "home"]),
  blocks: z.array(z.looseObject({ type: z.string() })),
  title: z.unknown().optional(),
  callback_id: z.string().optional(),
  private_metadata: z.string().optional(),
  external_id: z.string().max(255).optional(),
});

type ViewPayload = z.output<typeof viewPayload>;

function newHash(workspace: WorkspaceModel): string {
  const n = (workspace.state.counters["view_hash"] ?? 0) + 1;
  workspace.state.counters["view_hash"] = n;
  return `${Math.floor(workspace.clock() / 1000)}.${n.toString(36)}`;
}

function tooLarge(payload: ViewPayload): boolean {
  return Buffer.byteLength(JSON.stringify(payload)) > MAX_VIEW_BYTES;
}

function externalIdTaken(workspace: WorkspaceModel, externalId: string | undefined, exceptViewId?: string): boolean {
  if (!externalId) return false;
  return Object.values(workspace.state.views).some((view) => view.externalId === externalId && view.id !== exceptViewId);
}

function applyPayload(view: StandInView, payload: ViewPayload): void {
  view.type = payload.type;
  view.payload = payload;
  if (payload.callback_id !== undefined) view.callbackId = payload.callback_id;
  else delete view.callbackId;
  if (payload.private_metadata !== undefined) view.privateMetadata = payload.private_metadata;
  else delete view.privateMetadata;
  if (payload.external_id !== undefined) view.externalId = payload.external_id;
}

function createView(workspace: WorkspaceModel, payload: ViewPayload, userId: string | undefined): StandInView {
  const id = workspace.nextId("V");
  const now = workspace.clock();
  const view: StandInView = { id, type: payload.type, hash: newHash(workspace), rootViewId: id, payload, openedAt: now, updatedAt: now };
  if (userId) view.userId = userId;
  applyPayload(view, payload);
  workspace.state.views[id] = view;
  return view;
}

/** Exchanges a trigger: minted ones are single-use and expire; other well-formed ones are taken on trust. */
function exchangeTrigger(workspace: WorkspaceModel, triggerId: string): { ok: true; userId?: string } | { ok: false; outcome: MethodOutcome } {
  if (!/^\d+\.\d+\.[0-9a-zA-Z]+$/.test(triggerId)) return { ok: false, outcome: fail("invalid_trigger_id") };
  const trigger = workspace.state.triggers[triggerId];
  if (!trigger) return { ok: true };
  if (trigger.exchanged) return { ok: false, outcome: fail("exchanged_trigger_id") };
  if (workspace.clock() - trigger.createdAt > TRIGGER_LIFETIME_MS) return { ok: false, outcome: fail("expired_trigger_id") };
  trigger.exchanged = true;
  return { ok: true, userId: trigger.userId };
}

export const viewsOpen = defineMethod({
  name: "views.open",
  schema: z.object({ view: json(viewPayload), trigger_id: z.string().optional(), interactivity_pointer: z.string().optional() }),
  handle({ workspace }, args) {
    const trigger = args.trigger_id ?? args.interactivity_pointer;
    if (!trigger) return fail("invalid_arguments", ["[ERROR] either trigger_id or interactivity_pointer is required"]);
    if (args.view.type !== "modal") return fail("invalid_arguments", ["[ERROR] views.open takes a modal view"]);
    if (tooLarge(args.view)) return fail("view_too_large");
    if (externalIdTaken(workspace, args.view.external_id)) return fail("duplicate_external_id");
    const exchanged = exchangeTrigger(workspace, trigger);
    if (!exchanged.ok) return exchanged.outcome;
    const view = createView(workspace, args.view, exchanged.userId);
    return succeed({ view: renderView(view, workspace.state) });
  },
});

export const viewsUpdate = defineMethod({
  name: "views.update",
  schema: z.object({ view: json(viewPayload), view_id: z.string().optional(), external_id: z.string().optional(), hash: z.string().optional() }),
  handle({ workspace }, args) {
    if (!args.view_id && !args.external_id) return fail("invalid_arguments", ["[ERROR] either view_id or external_id is required"]);
    const view = args.view_id
      ? workspace.state.views[args.view_id]
      : Object.values(workspace.state.views).find((candidate) => candidate.externalId === args.external_id);
    if (!view) return fail("not_found");
    if (args.hash !== undefined && args.hash !== view.hash) return fail("hash_conflict");
    if (tooLarge(args.view)) return fail("view_too_large");
    if (externalIdTaken(workspace, args.view.external_id, view.id)) return fail("duplicate_external_id");
    applyPayload(view, args.view);
    view.hash = newHash(workspace);
    view.updatedAt = workspace.clock();
    return succeed({ view: renderView(view, workspace.state) });
  },
});

export const viewsPublish = defineMethod({
  name: "views.publish",
  schema: z.object({ user_id: z.string(), view: json(viewPayload), hash: z.string().optional() }),
  handle({ workspace }, args) {
    const user = workspace.state.users[args.user_id];
    if (!user) return fail("user_not_found");
    if (args.view.type !== "home") return fail("invalid_arguments", ["[ERROR] views.publish takes a home view"]);
    if (tooLarge(args.view)) return fail("view_too_large");
    const existingId = workspace.state.homeViews[user.id];
    const existing = existingId ? workspace.state.views[existingId] : undefined;
    if (existing) {
      if (args.hash !== undefined && args.hash !== existing.hash) return fail("hash_conflict");
      applyPayload(existing, args.view);
      existing.hash = newHash(workspace);
      existing.updatedAt = workspace.clock();
      return succeed({ view: renderView(existing, workspace.state) });
    }
    const view = createView(workspace, args.view, user.id);
    workspace.state.homeViews[user.id] = view.id;
    return succeed({ view: renderView(view, workspace.state) });
  },
});
