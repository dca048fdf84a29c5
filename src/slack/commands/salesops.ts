import type { App } from "@slack/bolt";
import { answerSalesopsCommand } from "../../core/use-cases/manage-schedules.js";
import type { SlackDeps } from "../deps.js";
import { slashCommandListener, unescapeSlackText } from "./run-slash-command.js";

/** `/salesops schedule …`: admin commands, answered ephemerally. */
export function registerSalesopsCommand(app: App, deps: SlackDeps): void {
  app.command(
    "/salesops",
    slashCommandListener(deps, (ask) =>
      answerSalesopsCommand({ ...ask, text: unescapeSlackText(ask.text), store: deps.schedules, command: "/salesops" }),
    ),
  );
}
