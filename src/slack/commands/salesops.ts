import type { App } from "@slack/bolt";
import { answerSalesopsCommand } from "../../core/use-cases/manage-schedules.js";
import type { SlackDeps } from "../deps.js";
import { slashCommandListener } from "./run-slash-command.js";

/** Slack sends `&`, `<` and `>` in command text as HTML entities; names are compared as typed. */
function unescapeSlackText(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** `/salesops schedule …`: admin commands, answered ephemerally. */
export function registerSalesopsCommand(app: App, deps: SlackDeps): void {
  app.command(
    "/salesops",
    slashCommandListener(deps, (ask) =>
      answerSalesopsCommand({ ...ask, text: unescapeSlackText(ask.text), store: deps.schedules, command: "/salesops" }),
    ),
  );
}
