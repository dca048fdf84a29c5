// What the Slack adapter needs from the rest of the application.
import type { Clock } from "../clock.js";
import type { Locale } from "../core/i18n/locale.js";
import type { PulseAnswerStore } from "../core/pulse/pulse-answer-store.js";
import type { PulseStore } from "../core/pulse/pulse-store.js";
import type { SalesData } from "../core/sales-data.js";
import type { ScheduleStore } from "../core/schedule-store.js";
import type { Logger } from "../logger.js";
import type { PulseTokens } from "../security/pulse-tokens.js";
import type { SlackIdentityResolver } from "./identity.js";
import type { PrivateDigestCharts } from "../jobs/private-digest-charts.js";

export interface SlackDeps {
  data: SalesData;
  /** Schedules and the tenant's settings, for `/salesops schedule …` and `/salesops settings …`. */
  schedules: ScheduleStore;
  /** Sends a `/forecast digest`'s chart to the asker's DM (through the outbox); absent, no chart. */
  digestCharts?: PrivateDigestCharts;
  identity: SlackIdentityResolver;
  clock: Clock;
  defaultLocale: Locale;
  logger: Logger;
  /** Answering pulse surveys in their DM: the anonymous responses, and the answer tokens (made on first use). */
  /**
   * `busyShare`: the share of the time recording answers may take during a burst of clicks (see
   * createWorkQueue); below 1 for an embedded database, whose queries run on this thread.
   */
  pulseAnswers: { store: PulseAnswerStore; tokens: () => Promise<PulseTokens>; busyShare?: number };
  /** Pulse surveys, their rounds, opt-outs and results, for `/pulse …` and its admin modal. */
  pulseSurveys: PulseStore;
}
