import type { App } from "@slack/bolt";
import { answerForecastQuestion } from "../../core/use-cases/answer-forecast-question.js";
import type { SlackDeps } from "../deps.js";
import { slashCommandListener } from "./run-slash-command.js";

export function registerForecastCommand(app: App, deps: SlackDeps): void {
  app.command("/forecast", slashCommandListener(deps, (ask) => answerForecastQuestion({ ...ask, data: deps.data })));
}
