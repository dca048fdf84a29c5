import type { App } from "@slack/bolt";
import type { SlackDeps } from "../deps.js";
import { registerForecastCommand } from "./forecast.js";
import { registerPulseCommand } from "./pulse.js";
import { registerQuotaCommand } from "./quota.js";
import { registerSalesopsCommand } from "./salesops.js";

export function register(app: App, deps: SlackDeps): void {
  registerQuotaCommand(app, deps);
  registerForecastCommand(app, deps);
  registerSalesopsCommand(app, deps);
  registerPulseCommand(app, deps);
}
