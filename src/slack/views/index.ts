import type { App } from "@slack/bolt";
import type { SlackDeps } from "../deps.js";
import { registerPulseAdminView } from "./pulse-admin.js";
import { registerPulseCommentView } from "./pulse-comment.js";

export function register(app: App, deps: SlackDeps): void {
  registerPulseCommentView(app, deps);
  registerPulseAdminView(app, deps);
}
