import type { App } from "@slack/bolt";
import { answerQuotaQuestion } from "../../core/use-cases/answer-quota-question.js";
import type { SlackDeps } from "../deps.js";
import { slashCommandListener } from "./run-slash-command.js";

export function registerQuotaCommand(app: App, deps: SlackDeps): void {
  app.command("/quota", slashCommandListener(deps, (ask) => answerQuotaQuestion({ ...ask, data: deps.data })));
}
