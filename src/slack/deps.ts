// What the Slack adapter needs from the rest of the application.
import type { Clock } from "../clock.js";
import type { Locale } from "../core/i18n/locale.js";
import type { SalesData } from "../core/sales-data.js";
import type { ScheduleStore } from "../core/schedule-store.js";
import type { Logger } from "../logger.js";
import type { SlackIdentityResolver } from "./identity.js";

export interface SlackDeps {
  data: SalesData;
  /** Schedules, for `/salesops schedule …`. */
  schedules: ScheduleStore;
  identity: SlackIdentityResolver;
  clock: Clock;
  defaultLocale: Locale;
  logger: Logger;
}
