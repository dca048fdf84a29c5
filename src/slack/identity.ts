// Who is asking: a Slack user in a Slack workspace, mapped to one tenant and one Employee.
// By the Slack id stored on the employee, else by the e-mail Slack gives for that user
// (`users.info`), which is then stored. Answers are cached briefly per process; the database
// stays the truth, so a second replica simply looks them up itself.
import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import { AppError } from "../core/errors.js";
import type { IdentityRepository } from "../db/repositories/sales-data.js";

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

const CACHE_TTL_MS = 10 * 60_000;
const CACHE_MAX = 10_000;

export class SlackIdentityResolver {
  private readonly cache = new Map<string, { asker: Asker; expires: number }>();

  constructor(
    private readonly identity: IdentityRepository,
    private readonly now: () => number = Date.now,
  ) {}

  async resolve(client: WebClient, slackTeamId: string, slackUserId: string): Promise<Asker> {
    const key = `${slackTeamId}:${slackUserId}`;
    const cached = this.cache.get(key);
    if (cached && cached.expires > this.now()) return cached.asker;

    const tenant = await this.identity.tenantBySlackTeam(slackTeamId);
    if (!tenant) throw new AppError("not_in_organisation", "This Slack workspace is not connected to an organisation yet.");

    const info = usersInfoSchema.safeParse(await client.users.info({ user: slackUserId, include_locale: true }));
    const slackLocale = info.success ? info.data.user.locale : undefined;
    let employee = await this.identity.employeeBySlackId(tenant.id, slackUserId);
    if (!employee) {
      const email = info.success ? info.data.user.profile?.email : undefined;
      if (email) employee = await this.identity.linkSlackIdByEmail(tenant.id, email, slackUserId);
    }
    if (!employee || !employee.active) {
      throw new AppError("not_in_organisation", "You are not in this organisation's sales team data yet. Ask your sales-ops admin to add you.");
    }
    const asker: Asker = { tenantId: tenant.id, employeeId: employee.id, slackLocale };
    if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { asker, expires: this.now() + CACHE_TTL_MS });
    return asker;
  }
}
