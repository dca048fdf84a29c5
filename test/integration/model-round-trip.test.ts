// Every model of schema.prisma written and read back through the generated client on each
// backend: proves the migrations built the columns, types and relations the client expects.
import { expect, it } from "vitest";
import { Prisma } from "../../src/db/generated/client.js";
import { describeEachBackend } from "../support/databases.js";

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describeEachBackend("every model round-trips through the generated client", ({ db }) => {
  it("writes and reads each model with every column kind", async () => {
    const prisma = db().prisma;
    const tenant = await prisma.tenant.create({
      data: {
        name: "Round Trip Sdn Bhd",
        currency: "MYR",
        fiscalYearStartMonth: 4,
        timeZone: "Asia/Kuala_Lumpur",
        locale: "ms",
        anonymityThreshold: 7,
        leaderboardVisibility: "full",
        settings: { digest: { weekday: 1 } },
        slackTeamId: "T_ROUND",
        teamsTenantId: "00000000-0000-0000-0000-00000000abcd",
      },
    });
    expect(await prisma.tenant.findUniqueOrThrow({ where: { id: tenant.id } })).toMatchObject({
      currency: "MYR",
      fiscalYearStartMonth: 4,
      anonymityThreshold: 7,
      leaderboardVisibility: "full",
      settings: { digest: { weekday: 1 } },
      isDemo: false,
    });

    const manager = await prisma.employee.create({
      data: { tenantId: tenant.id, email: "boss@example.test", name: "Boss", role: "manager", timeZone: "Europe/London", slackUserId: "UBOSS" },
    });
    const team = await prisma.team.create({
      data: { tenantId: tenant.id, name: "EMEA", managerId: manager.id, slackChannelId: "CEMEA", timeZone: "Europe/London" },
    });
    const rep = await prisma.employee.create({
      data: {
        tenantId: tenant.id,
        email: "rep@example.test",
        name: "Rep Ramping",
        title: "Account Executive",
        role: "rep",
        managerId: manager.id,
        teamId: team.id,
        timeZone: "Asia/Kathmandu",
        locale: "ms",
        startDate: day("2026-08-17"),
        workdayStartMinute: 8 * 60 + 30,
        workdayEndMinute: 17 * 60 + 30,
        workingDays: [1, 2, 3, 4, 6],
        teamsUserId: "aad-rep",
        crmOwnerId: "005XX000001",
      },
    });
    const defaults = await prisma.employee.findUniqueOrThrow({ where: { id: manager.id } });
    expect(defaults).toMatchObject({ workingDays: [1, 2, 3, 4, 5], workdayStartMinute: 540, workdayEndMinute: 1050, active: true, locale: "en" });
    const readRep = await prisma.employee.findUniqueOrThrow({ where: { id: rep.id }, include: { manager: true, team: true } });
    expect(readRep.startDate).toEqual(day("2026-08-17"));
    expect(readRep.workingDays).toEqual([1, 2, 3, 4, 6]);
    expect(readRep.manager?.email).toBe("boss@example.test");
    expect(readRep.team?.name).toBe("EMEA");

    await prisma.quota.create({
      data: { tenantId: tenant.id, employeeId: rep.id, periodStart: day("2026-07-01"), periodEnd: day("2026-09-30"), amountMinor: 90_000_000_000_00n, currency: "MYR", rampPercent: 50 },
    });
    const quota = await prisma.quota.findFirstOrThrow({ where: { employeeId: rep.id } });
    expect(quota.amountMinor).toBe(90_000_000_000_00n);
    expect(quota.periodEnd).toEqual(day("2026-09-30"));

    const plan = await prisma.commissionPlan.create({
      data: {
        tenantId: tenant.id,
        name: "AE 2027",
        currency: "MYR",
        payoutCapMinor: 5_000_000n,
        tiers: {
          create: [
            { tenantId: tenant.id, sortOrder: 0, fromAttainment: new Prisma.Decimal("0"), toAttainment: new Prisma.Decimal("0.5"), rate: new Prisma.Decimal("0.02"), mode: "marginal" },
            { tenantId: tenant.id, sortOrder: 1, fromAttainment: new Prisma.Decimal("1.0"), toAttainment: null, rate: new Prisma.Decimal("0.12345"), mode: "retroactive", capMinor: 1_000_000n },
          ],
        },
        assignments: { create: { tenantId: tenant.id, employeeId: rep.id, periodStart: day("2026-07-01"), periodEnd: day("2026-09-30") } },
      },
    });
    const tiers = await prisma.commissionTier.findMany({ where: { planId: plan.id }, orderBy: { sortOrder: "asc" } });
    expect(tiers.map((tier) => [tier.fromAttainment.toString(), tier.toAttainment?.toString() ?? null, tier.rate.toString(), tier.mode, tier.capMinor])).toEqual([
      ["0", "0.5", "0.02", "marginal", null],
      ["1", null, "0.12345", "retroactive", 1_000_000n],
    ]);
    expect(await prisma.planAssignment.count({ where: { planId: plan.id } })).toBe(1);

    const stage = await prisma.stage.create({
      data: { tenantId: tenant.id, name: "Negotiation", defaultProbability: 80, forecastCategory: "Commit", sortOrder: 5 },
    });
    const opportunity = await prisma.opportunity.create({
      data: {
        tenantId: tenant.id,
        source: "salesforce",
        externalId: "006XX0000001",
        name: "Acme renewal",
        accountName: "Acme",
        ownerId: rep.id,
        amountMinor: 12_345_678n,
        currency: "MYR",
        stageId: stage.id,
        probability: 80,
        forecastCategory: "Commit",
        closeDate: day("2026-09-15"),
        createdDate: day("2026-05-02"),
        lastActivityAt: new Date("2026-08-10T03:04:05.678Z"),
        stageEnteredAt: new Date("2026-08-01T00:00:00.000Z"),
        productLine: "Platform",
      },
    });
    await expect(
      prisma.opportunity.create({
        data: { ...{ tenantId: tenant.id, source: "salesforce", externalId: "006XX0000001", name: "dup", ownerId: rep.id, amountMinor: 1n, currency: "MYR", stageId: stage.id, probability: 1, forecastCategory: "Pipeline", closeDate: day("2026-09-15"), createdDate: day("2026-05-02") } },
      }),
    ).rejects.toThrow();
    const readOpportunity = await prisma.opportunity.findUniqueOrThrow({
      where: { tenantId_source_externalId: { tenantId: tenant.id, source: "salesforce", externalId: "006XX0000001" } },
      include: { stage: true, owner: true },
    });
    expect(readOpportunity).toMatchObject({ amountMinor: 12_345_678n, isClosed: false, isWon: false, productLine: "Platform" });
    expect(readOpportunity.lastActivityAt).toEqual(new Date("2026-08-10T03:04:05.678Z"));
    expect(readOpportunity.stage.forecastCategory).toBe("Commit");

    await prisma.pipelineSnapshot.create({
      data: {
        tenantId: tenant.id,
        snapshotDate: day("2026-08-10"),
        opportunityId: opportunity.id,
        ownerId: rep.id,
        stageId: stage.id,
        amountMinor: 11_000_000n,
        probability: 60,
        forecastCategory: "BestCase",
        closeDate: day("2026-08-31"),
        isClosed: false,
        isWon: false,
      },
    });
    const snapshot = await prisma.pipelineSnapshot.findUniqueOrThrow({
      where: { tenantId_snapshotDate_opportunityId: { tenantId: tenant.id, snapshotDate: day("2026-08-10"), opportunityId: opportunity.id } },
    });
    expect(snapshot).toMatchObject({ amountMinor: 11_000_000n, forecastCategory: "BestCase", closeDate: day("2026-08-31") });

    await prisma.forecastCall.createMany({
      data: [
        { tenantId: tenant.id, employeeId: rep.id, periodStart: day("2026-07-01"), periodEnd: day("2026-09-30"), commitMinor: 12_000_000n, bestCaseMinor: 15_000_000n, currency: "MYR", submittedAt: new Date("2026-08-03T01:00:00Z") },
        { tenantId: tenant.id, employeeId: rep.id, periodStart: day("2026-07-01"), periodEnd: day("2026-09-30"), commitMinor: 13_000_000n, bestCaseMinor: 15_500_000n, currency: "MYR", submittedAt: new Date("2026-08-10T01:00:00Z") },
      ],
    });
    const calls = await prisma.forecastCall.findMany({ where: { employeeId: rep.id }, orderBy: { submittedAt: "asc" } });
    expect(calls.map((call) => call.commitMinor)).toEqual([12_000_000n, 13_000_000n]);

    // Deleting the tenant takes every row with it: nothing of a tenant outlives it.
    await prisma.tenant.delete({ where: { id: tenant.id } });
    for (const count of await Promise.all([
      prisma.employee.count(), prisma.team.count(), prisma.quota.count(), prisma.commissionPlan.count(), prisma.commissionTier.count(),
      prisma.planAssignment.count(), prisma.stage.count(), prisma.opportunity.count(), prisma.pipelineSnapshot.count(), prisma.forecastCall.count(),
    ])) expect(count).toBe(0);
  });
});
