import { authTest } from "./auth.js";
import { chatPostEphemeral, chatPostMessage, chatUpdate } from "./chat.js";
import { conversationsHistory, conversationsOpen } from "./conversations.js";
import { filesCompleteUploadExternal, filesGetUploadUrlExternal } from "./files.js";
import type { RegisteredMethod } from "./method.js";
import { usersInfo, usersLookupByEmail } from "./users.js";
import { viewsOpen, viewsPublish, viewsUpdate } from "./views.js";

export type { MethodContext, MethodOutcome, RegisteredMethod } from "./method.js";

/** Every Web API method the stand-in answers, by name. */
export const WEB_API_METHODS: ReadonlyMap<string, RegisteredMethod> = new Map(
  [
    authTest,
    usersInfo,
    usersLookupByEmail,
    conversationsOpen,
    conversationsHistory,
    chatPostMessage,
    chatPostEphemeral,
    chatUpdate,
    viewsOpen,
    viewsUpdate,
    viewsPublish,
    filesGetUploadUrlExternal,
    filesCompleteUploadExternal,
  ].map((method) => [method.name, method]),
);
