// What Slack sends an app when a person uses its interactive messages and modals: a click on a
// button or a select of a stored message (block_actions) and the submission of an open modal
// (view_submission), built as Slack builds them, signed with the app's signing secret and POSTed
// form-encoded (`payload=<json>`) to its request URL. For tests, benchmarks and the chat CLI.
import { renderMessage, renderView } from "./render.js";
import { signSlackRequest } from "./sign.js";
import type { StandInView } from "./state.js";
import type { WorkspaceModel } from "./workspace.js";

/** Where interactions go: the app's request URL (…/slack/events) and its signing secret. */
export interface InteractionTarget {
  eventsUrl: string;
  signingSecret: string;
}

export interface ClickInput {
  /** Who clicks (a user id of the workspace). */
  user: string;
  /** The message clicked in: its channel id and ts. */
  channel: string;
  ts: string;
  /** The element: the block it is in and its action id. */
  blockId: string;
  actionId: string;
  /** For a select: the value of the option picked. */
  selectedValue?: string;
}

export interface SubmitViewInput {
  user: string;
  viewId: string;
  /** Input values by block id and action id (text for a plain_text_input, an option value for a select). */
  values: Record<string, Record<string, string>>;
}

export interface InteractionOutcome {
  /** The app's HTTP status and acknowledgement body. */
  status: number;
  body: string;
  /** From the POST to the acknowledgement, milliseconds. */
  ackMs: number;
  /** A click's response_url, to read what the app posted to it. */
  responseUrlId?: string;
  triggerId?: string;
}

/** Why an interaction could not be built; `code` reads like a Slack error. */
export class InteractionError extends Error {
  constructor(
    readonly code: "user_not_found" | "message_not_found" | "element_not_found" | "view_not_found" | "no_app" | "input_not_found",
    message: string,
  ) {
    super(message);
    this.name = "InteractionError";
  }
}

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function userOf(workspace: WorkspaceModel, userId: string): Json {
  const user = workspace.state.users[userId];
  if (!user || user.isBot || user.deleted) throw new InteractionError("user_not_found", `no active user ${userId} in the workspace`);
  return { id: user.id, username: user.name, name: user.name, team_id: workspace.teamId };
}

function actionTs(workspace: WorkspaceModel): string {
  return (workspace.clock() / 1000).toFixed(6);
}

/** The `actions[0]` Slack reports for clicking `element`. */
function actionOf(workspace: WorkspaceModel, element: Json, blockId: string, input: ClickInput): Json {
  const base = { action_id: input.actionId, block_id: blockId, action_ts: actionTs(workspace) };
  switch (element["type"]) {
    case "button":
      return {
        type: "button",
        ...base,
        text: element["text"],
        ...(element["value"] !== undefined ? { value: element["value"] } : {}),
        ...(element["style"] !== undefined ? { style: element["style"] } : {}),
      };
    case "static_select": {
      const options = [
        ...((element["options"] as unknown[] | undefined) ?? []),
        ...((element["option_groups"] as Array<{ options?: unknown[] }> | undefined) ?? []).flatMap((group) => group.options ?? []),
      ].map(asObject);
      const picked = options.find((option) => option?.["value"] === input.selectedValue);
      if (!picked) throw new InteractionError("element_not_found", `the select ${input.actionId} has no option "${input.selectedValue ?? ""}"`);
      return { type: "static_select", ...base, selected_option: { text: picked["text"], value: picked["value"] }, placeholder: element["placeholder"] };
    }
    default:
      throw new InteractionError("element_not_found", `the stand-in clicks buttons and static selects, not ${String(element["type"])}`);
  }
}

/**
 * The block_actions payload for `input`, with a fresh response_url (its original message the one
 * clicked) and trigger_id, as Slack sends them.
 */
export function buildBlockActionsPayload(workspace: WorkspaceModel, input: ClickInput): { payload: Json; responseUrlId: string; triggerId: string } {
  const user = userOf(workspace, input.user);
  const channel = workspace.resolveChannel(input.channel);
  const message = channel ? workspace.findMessage(channel.id, input.ts) : undefined;
  if (!channel || !message) throw new InteractionError("message_not_found", `no message ${input.ts} in ${input.channel}`);
  const block = (message.blocks ?? []).map(asObject).find((candidate) => candidate?.["block_id"] === input.blockId);
  const elements = block?.["type"] === "actions" ? (block["elements"] as unknown[]) : block?.["accessory"] ? [block["accessory"]] : [];
  const element = elements.map(asObject).find((candidate) => candidate?.["action_id"] === input.actionId);
  if (!element) throw new InteractionError("element_not_found", `no element ${input.actionId} in block ${input.blockId} of message ${input.ts}`);
  const responseUrl = workspace.createResponseUrl(channel.id, input.user, { originalMessageTs: message.ts });
  const triggerId = workspace.createTriggerId(input.user);
  const payload: Json = {
    type: "block_actions",
    user,
    api_app_id: workspace.state.bot.appId,
    token: "stand-in-verification-token",
    container: { type: "message", message_ts: message.ts, channel_id: channel.id, is_ephemeral: false },
    trigger_id: triggerId,
    team: { id: workspace.teamId, domain: workspace.state.team.domain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel.id, name: channel.isIm ? "directmessage" : channel.name },
    message: renderMessage(message, workspace.state, { includeMetadata: false }),
    state: { values: {} },
    response_url: responseUrl.url,
    actions: [actionOf(workspace, element, input.blockId, input)],
  };
  return { payload, responseUrlId: responseUrl.id, triggerId };
}

/** The view's state as Slack reports it on submission, from the values typed into its inputs. */
function stateOf(view: StandInView, values: SubmitViewInput["values"]): Json {
  const state: Record<string, Record<string, Json>> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const block = ((view.payload["blocks"] as unknown[] | undefined) ?? []).map(asObject).find((candidate) => candidate?.["block_id"] === blockId);
    const element = asObject(block?.["element"]);
    for (const [actionId, value] of Object.entries(actions)) {
      if (block?.["type"] !== "input" || element?.["action_id"] !== actionId) {
        throw new InteractionError("input_not_found", `the view ${view.id} has no input ${blockId}/${actionId}`);
      }
      const entry: Json =
        element["type"] === "static_select"
          ? { type: "static_select", selected_option: { value } }
          : { type: String(element["type"] ?? "plain_text_input"), value };
      (state[blockId] ??= {})[actionId] = entry;
    }
  }
  return { values: state };
}

/** The view_submission payload for an open modal of `input.user`. */
export function buildViewSubmissionPayload(workspace: WorkspaceModel, input: SubmitViewInput): Json {
  const user = userOf(workspace, input.user);
  const view = workspace.state.views[input.viewId];
  if (!view || view.type !== "modal" || view.closedAt !== undefined || (view.userId !== undefined && view.userId !== input.user)) {
    throw new InteractionError("view_not_found", `no open modal ${input.viewId} for ${input.user}`);
  }
  return {
    type: "view_submission",
    team: { id: workspace.teamId, domain: workspace.state.team.domain },
    user,
    api_app_id: workspace.state.bot.appId,
    token: "stand-in-verification-token",
    trigger_id: workspace.createTriggerId(input.user),
    view: { ...renderView(view, workspace.state), state: stateOf(view, input.values) },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** Signs and POSTs an interactive payload to the app, as Slack does; resolves with its acknowledgement. */
export async function postInteraction(target: InteractionTarget, payload: Json, now: () => number = Date.now): Promise<Omit<InteractionOutcome, "responseUrlId" | "triggerId">> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const started = performance.now();
  const response = await fetch(target.eventsUrl, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...signSlackRequest(target.signingSecret, body, Math.floor(now() / 1000)) },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return { status: response.status, body: text, ackMs: performance.now() - started };
}

/** Whether an acknowledgement keeps the modal open (validation errors, or a pushed/updated view). */
export function keepsViewOpen(ackBody: string): boolean {
  if (!ackBody.trim()) return false;
  try {
    const action = asObject(JSON.parse(ackBody))?.["response_action"];
    return action === "errors" || action === "update" || action === "push";
  } catch {
    return false;
  }
}
