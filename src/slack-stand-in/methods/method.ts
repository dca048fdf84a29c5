// The shape every Web API method of the stand-in shares: a zod schema for its arguments and a
// handler that answers Slack's body, or an error code exactly as Slack spells it.
import { z } from "zod";
import type { WorkspaceModel } from "../workspace.js";

export interface MethodContext {
  workspace: WorkspaceModel;
}

export type MethodOutcome =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; error: string; messages?: string[]; extra?: Record<string, unknown> };

export interface RegisteredMethod {
  name: string;
  /** The argument whose channel a per-channel rate limit keys on (chat.postMessage). */
  channelArgument?: string;
  run(context: MethodContext, rawArgs: Record<string, unknown>): MethodOutcome;
}

export function succeed(body: Record<string, unknown> = {}): MethodOutcome {
  return { ok: true, body };
}

export function fail(error: string, messages?: string[]): MethodOutcome {
  return { ok: false, error, ...(messages ? { messages } : {}) };
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const pointer = issue.path.length ? ` [json-pointer:/${issue.path.join("/")}]` : "";
    const missing = issue.code === "invalid_type" && issue.input === undefined;
    return `[ERROR] ${missing ? "missing required field" : issue.message}${pointer}`;
  });
}

export function defineMethod<S extends z.ZodType>(definition: {
  name: string;
  schema: S;
  channelArgument?: string;
  handle(context: MethodContext, args: z.output<S>): MethodOutcome;
}): RegisteredMethod {
  return {
    name: definition.name,
    ...(definition.channelArgument ? { channelArgument: definition.channelArgument } : {}),
    run(context, rawArgs) {
      const parsed = definition.schema.safeParse(rawArgs);
      if (!parsed.success) return fail("invalid_arguments", describeIssues(parsed.error));
      return definition.handle(context, parsed.data);
    },
  };
}
