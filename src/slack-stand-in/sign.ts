// Signs requests the way Slack signs what it sends to an app (v0 signatures), and builds the
// form body of a slash command, so the chat CLI and tests can talk to the bot's /slack/events.
import { createHmac } from "node:crypto";

// A type alias, not an interface, so it is assignable to Record<string, string> (fetch headers).
export type SlackSignatureHeaders = {
  "X-Slack-Signature": string;
  "X-Slack-Request-Timestamp": string;
};

/**
 * `timestamp` is Unix time in whole seconds (Slack rejects requests more than five minutes old);
 * `body` is the exact raw body that will be sent.
 */
export function signSlackRequest(signingSecret: string, body: string, timestamp: number): SlackSignatureHeaders {
  if (!Number.isInteger(timestamp)) throw new TypeError("timestamp must be whole seconds since the epoch");
  const digest = createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex");
  return { "X-Slack-Signature": `v0=${digest}`, "X-Slack-Request-Timestamp": String(timestamp) };
}

export interface SlashCommandInput {
  /** With its slash, e.g. "/quota". */
  command: string;
  text: string;
  userId: string;
  userName: string;
  channelId: string;
  channelName?: string;
  teamId: string;
  teamDomain?: string;
  responseUrl: string;
  triggerId: string;
  apiAppId?: string;
  enterpriseId?: string;
}

/** The application/x-www-form-urlencoded body Slack POSTs for a slash command. */
export function buildSlashCommandBody(input: SlashCommandInput): string {
  const fields: Array<[string, string]> = [
    // Slack still sends the deprecated verification token; apps verify the signature instead.
    ["token", "stand-in-verification-token"],
    ["team_id", input.teamId],
    ["team_domain", input.teamDomain ?? "stand-in"],
    ...(input.enterpriseId ? ([["enterprise_id", input.enterpriseId]] as Array<[string, string]>) : []),
    ["channel_id", input.channelId],
    ["channel_name", input.channelName ?? (input.channelId.startsWith("D") ? "directmessage" : input.channelId)],
    ["user_id", input.userId],
    ["user_name", input.userName],
    ["command", input.command],
    ["text", input.text],
    ["api_app_id", input.apiAppId ?? "A0STANDIN"],
    ["is_enterprise_install", "false"],
    ["response_url", input.responseUrl],
    ["trigger_id", input.triggerId],
  ];
  return new URLSearchParams(fields).toString();
}
