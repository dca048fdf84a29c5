// The Slack adapter: a Bolt 5 app, over HTTP (mounted on our server at /slack/events behind the
// request gate — method, signature and timestamp, zod-parsed body, replay key — then Bolt) or over
// Socket Mode when an app token is given.
import type { RequestListener } from "node:http";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import type { SlackRequestKeys } from "../db/repositories/slack-request-keys.js";
import type { Logger } from "../logger.js";
import { boltLogger } from "./bolt-logger.js";
import { register as registerActions } from "./actions/index.js";
import { register as registerCommands } from "./commands/index.js";
import type { SlackDeps } from "./deps.js";
import { createRequestGate } from "./request-gate.js";
import { register as registerViews } from "./views/index.js";

export const SLACK_EVENTS_PATH = "/slack/events";

export interface SlackAdapterOptions {
  botToken: string;
  signingSecret: string;
  /** Socket Mode when set. */
  appToken?: string | undefined;
  /** Where Web API calls go (the local stand-in); Slack itself when unset. */
  apiUrl?: string | undefined;
  logger: Logger;
  deps: SlackDeps;
  /** Where signed requests' keys are claimed, so that a replay on any replica runs nothing. */
  requestKeys?: SlackRequestKeys | undefined;
}

export interface SlackAdapter {
  /** Set in HTTP mode: mount it at SLACK_EVENTS_PATH. */
  requestListener: RequestListener | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Every listener, whichever way Slack reaches the app. */
function registerListeners(app: App, deps: SlackDeps): void {
  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
}

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const logger = boltLogger(options.logger);
  const clientOptions = options.apiUrl ? { slackApiUrl: options.apiUrl } : {};
  if (options.appToken) {
    const app = new App({
      token: options.botToken,
      appToken: options.appToken,
      socketMode: true,
      logger,
      logLevel: LogLevel.INFO,
      clientOptions,
    });
    registerListeners(app, options.deps);
    return {
      requestListener: undefined,
      start: async () => {
        await app.start();
      },
      stop: async () => {
        await app.stop();
      },
    };
  }
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: SLACK_EVENTS_PATH,
    // Acknowledge first, work after: Slack's 3-second limit applies to the acknowledgement.
    processBeforeResponse: false,
    logger,
  });
  const app = new App({ token: options.botToken, receiver, logger, clientOptions });
  registerListeners(app, options.deps);
  const gate = createRequestGate({ signingSecret: options.signingSecret, keys: options.requestKeys, logger: options.logger });
  return {
    requestListener: gate.wrap(receiver.requestListener),
    start: async () => {},
    stop: async () => {
      gate.close();
    },
  };
}
