import type { App } from "@slack/bolt";
import type { SlackDeps } from "../deps.js";
import { registerPulseAnswerAction } from "./pulse-answer.js";
import { registerPulseCommentOpenAction } from "./pulse-comment-open.js";
import { registerWhatIfDealAction } from "./what-if-deal.js";

export function register(app: App, deps: SlackDeps): void {
  registerPulseAnswerAction(app, deps);
  registerPulseCommentOpenAction(app, deps);
  registerWhatIfDealAction(app, deps);
}
