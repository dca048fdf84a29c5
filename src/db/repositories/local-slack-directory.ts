// What local mode's Slack stand-in needs from the database: the organisation it mirrors (the demo
// tenant, else the oldest), its people and team channels, and the Slack ids it hands out. Plain
// data only; naming channels and building Slack profiles stays with src/local/local-slack.ts.
import type { Prisma, PrismaClient } from "../generated/client.js";

type Client = PrismaClient | Prisma.TransactionClient;

export interface LocalDirectoryTenant {
  id: string;
  name: string;
  slackTeamId: string | null;
}

export interface LocalDirectoryPerson {
  employeeId: string;
  slackUserId: string | null;
  email: string;
  name: string;
  title: string | null;
  role: string;
  /** The team's name, if the employee is in one. */
  team: string | null;
  timeZone: string;
  locale: string;
  active: boolean;
}

export interface LocalDirectoryChannel {
  slackChannelId: string;
  teamName: string;
}

export interface LocalDirectory {
  /** `null` when the database holds no tenant at all. */
  tenant: LocalDirectoryTenant | null;
  /** Every employee of the tenant, active or not, ordered by email. */
  people: LocalDirectoryPerson[];
  /** Teams that have a Slack channel, ordered by team name. */
  channels: LocalDirectoryChannel[];
}

/** What the chat CLI shows about a Slack user beside their profile. */
export interface LocalSlackUserDetails {
  slackUserId: string;
  role: string;
  title: string | null;
  team: string | null;
}

const tenantSelect = { id: true, name: true, slackTeamId: true } as const;

/** The tenant local mode mirrors: the oldest demo tenant, else the oldest tenant, else none. */
async function localTenant(prisma: Client): Promise<LocalDirectoryTenant | null> {
  return (
    (await prisma.tenant.findFirst({ where: { isDemo: true }, orderBy: { createdAt: "asc" }, select: tenantSelect })) ??
    (await prisma.tenant.findFirst({ orderBy: { createdAt: "asc" }, select: tenantSelect }))
  );
}

export async function readLocalDirectory(prisma: Client): Promise<LocalDirectory> {
  const tenant = await localTenant(prisma);
  if (!tenant) return { tenant: null, people: [], channels: [] };
  const [employees, teams] = await Promise.all([
    prisma.employee.findMany({
      where: { tenantId: tenant.id },
      orderBy: { email: "asc" },
      select: {
        id: true,
        slackUserId: true,
        email: true,
        name: true,
        title: true,
        role: true,
        timeZone: true,
        locale: true,
        active: true,
        team: { select: { name: true } },
      },
    }),
    prisma.team.findMany({
      where: { tenantId: tenant.id, slackChannelId: { not: null } },
      orderBy: { name: "asc" },
      select: { name: true, slackChannelId: true },
    }),
  ]);
  return {
    tenant,
    people: employees.map((row) => ({
      employeeId: row.id,
      slackUserId: row.slackUserId,
      email: row.email,
      name: row.name,
      title: row.title,
      role: row.role,
      team: row.team?.name ?? null,
      timeZone: row.timeZone,
      locale: row.locale,
      active: row.active,
    })),
    channels: teams.map((row) => ({ slackChannelId: row.slackChannelId!, teamName: row.name })),
  };
}

/** Role, title and team of every employee of the tenant who has a Slack id. */
export async function readLocalSlackUserDetails(prisma: Client, tenantId: string): Promise<LocalSlackUserDetails[]> {
  const rows = await prisma.employee.findMany({
    where: { tenantId, slackUserId: { not: null } },
    select: { slackUserId: true, role: true, title: true, team: { select: { name: true } } },
  });
  return rows.map((row) => ({ slackUserId: row.slackUserId!, role: row.role, title: row.title, team: row.team?.name ?? null }));
}

/** Stores the Slack user id given to each employee, in order. */
export async function assignSlackIds(
  prisma: Client,
  assignments: ReadonlyArray<{ employeeId: string; slackUserId: string }>,
): Promise<void> {
  for (const { employeeId, slackUserId } of assignments) {
    await prisma.employee.update({ where: { id: employeeId }, data: { slackUserId }, select: { id: true } });
  }
}

/** Connects the tenant to a Slack workspace (team) id. */
export async function setTenantSlackTeam(prisma: Client, tenantId: string, teamId: string): Promise<void> {
  await prisma.tenant.update({ where: { id: tenantId }, data: { slackTeamId: teamId }, select: { id: true } });
}

/** Every tenant with a Slack team id, whichever workspace it is (local mode tells its own from real ones). */
export async function tenantsConnectedToSlack(prisma: Client): Promise<Array<{ id: string; name: string; slackTeamId: string; isDemo: boolean }>> {
  const tenants = await prisma.tenant.findMany({
    where: { slackTeamId: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { ...tenantSelect, isDemo: true },
  });
  return tenants.map((tenant) => ({ id: tenant.id, name: tenant.name, slackTeamId: tenant.slackTeamId!, isDemo: tenant.isDemo }));
}
