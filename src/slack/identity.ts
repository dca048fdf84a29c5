// Who is asking: a Slack user in a Slack workspace, mapped to one tenant and one Employee.
// By the Slack id stored on the employee, else by the e-mail Slack gives for that user
// (`users.info`), which is then stored. The employee is looked up on every request (one indexed
// query): a person deactivated in the database is refused at their next command, on every
// replica, with no cache to wait out. Only what Slack says about the user (locale, e-mail) is
// cached, briefly, per process.
import { ErrorCode, type WebClient } from "@slack/web-api";
import { z } from "zod";
import { AppError } from "../core/errors.js";
import type { IdentityRepository } from "../db/repositories/sales-data.js";
import type { Logger } from "../logger.js";

export interface Asker {
  tenantId: string;
  employeeId: string;
  /** Slack's locale for the user (e.g. "ms-MY"), when Slack gave one. */
  slackLocale: string | undefined;
}

const usersInfoSchema = z.object({
  ok: z.literal(true),
  user: z.object({
    id: z.string(),
    deleted: z.boolean().optional(),
    locale: z.string().optional(),
    profile: z.object({ email: z.string().optional() }).partial().optional(),
  }),
});

/** What Slack says about a user; `known: false` when Slack has no such user for us. */
type SlackProfile = { known: true; locale: string | undefined; email: string | undefined } | { known: false };

/** Slack's answers meaning "there is no such user for you", not "try again". */
const UNKNOWN_USER_ERRORS = new Set(["user_not_found", "user_not_visible", "users_not_found", "account_inactive"]);

const PROFILE_TTL_MS = 10 * 60_000;
/** A user Slack does not know is asked about again sooner: they may be being set up right now. */
const UNKNOWN_TTL_MS = 60_000;
const CACHE_MAX = 10_000;

function notSetUp(): AppError {
  return new AppError("not_in_organisation", "You are not in this organisation's sales team data yet. Ask your sales-ops admin to add you.");
}

export class SlackIdentityResolver {
  private readonly profiles = new Map<string, { profile: SlackProfile; expires: number }>();

  constructor(
    private readonly identity: IdentityRepository,
    private readonly now: () => number = Date.now,
    private readonly logger?: Logger,
  ) {}

  async resolve(client: WebClient, slackTeamId: string, slackUserId: string): Promise<Asker> {
    const found = await this.identity.askerBySlackIds(slackTeamId, slackUserId);
    if (!found) {
      this.logger?.info({ slackTeamId }, "request from a Slack workspace connected to no tenant; told so");
      throw new AppError("not_in_organisation", "This Slack workspace is not connected to an organisation yet.");
    }
    const tenant = { id: found.tenantId };
    let employee = found.employee;
    const profile = await this.profile(client, slackTeamId, slackUserId, employee !== null);
    if (!employee && profile.known && profile.email) employee = await this.identity.linkSlackIdByEmail(tenant.id, profile.email, slackUserId);
    if (!employee || !employee.active) {
      // Someone to set up, not a fault: info, and a reply saying so.
      this.logger?.info(
        { tenantId: tenant.id, slackUserId, reason: !profile.known ? "unknown_to_slack" : employee ? "inactive" : "no_matching_employee" },
        "Slack user is not set up in the organisation; told so",
      );
      throw notSetUp();
    }
    return { tenantId: tenant.id, employeeId: employee.id, slackLocale: profile.known ? profile.locale : undefined };
  }

  /**
   * Slack's `users.info` for the user, cached. When the employee is already linked the answer is
   * only for the locale, so a failure to get it is not a reason to fail the request.
   */
  private async profile(client: WebClient, slackTeamId: string, slackUserId: string, linked: boolean): Promise<SlackProfile> {
    const key = `${slackTeamId}:${slackUserId}`;
    const cached = this.profiles.get(key);
    if (cached && cached.expires > this.now()) return cached.profile;
    let profile: SlackProfile;
    try {
      const info = usersInfoSchema.safeParse(await client.users.info({ user: slackUserId, include_locale: true }));
      profile = info.success ? { known: true, locale: info.data.user.locale, email: info.data.user.profile?.email } : { known: true, locale: undefined, email: undefined };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const reason = code === ErrorCode.PlatformError ? String((error as { data?: { error?: unknown } }).data?.error ?? "") : undefined;
      if (reason !== undefined && UNKNOWN_USER_ERRORS.has(reason)) {
        profile = { known: false };
      } else if (linked) {
        this.logger?.warn({ err: error, slackUserId }, "users.info failed; answering without the user's Slack locale");
        return { known: true, locale: undefined, email: undefined };
      } else {
        throw error;
      }
    }
    if (this.profiles.size >= CACHE_MAX) this.profiles.delete(this.profiles.keys().next().value!);
    this.profiles.set(key, { profile, expires: this.now() + (profile.known ? PROFILE_TTL_MS : UNKNOWN_TTL_MS) });
    return profile;
  }
}
