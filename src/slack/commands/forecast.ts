import type { App } from "@slack/bolt";
import { answerForecastQuestion } from "../../core/use-cases/answer-forecast-question.js";
import type { SlackDeps } from "../deps.js";
import { slashCommandListener } from "./run-slash-command.js";

export function registerForecastCommand(app: App, deps: SlackDeps): void {
  app.command(
    "/forecast",
    slashCommandListener(deps, (ask) => {
      const charts = deps.digestCharts;
      return answerForecastQuestion({
        ...ask,
        data: deps.data,
        // `/forecast digest`: the chart cannot ride on the ephemeral answer; it goes to the asker's DM.
        ...(charts === undefined
          ? {}
          : {
              sendDigestChart: (chart) =>
                charts.send({ tenantId: ask.tenantId, employeeId: ask.employeeId, slackUserId: ask.slackUserId, chart, now: ask.now }).catch((error: unknown) => {
                  // The digest itself still answers; only its chart is missing, and the reply does not promise it.
                  deps.logger.error({ err: error }, "could not queue the chart of a requested digest");
                  return false;
                }),
            }),
      });
    }),
  );
}
