import { beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import { adminCatalogues, adminText } from "../../src/core/i18n/admin-texts.js";
import type { AdminKey, AdminParams } from "../../src/core/i18n/admin-catalogue.js";
import type {
  NewSchedule,
  ScheduleActor,
  ScheduleChanges,
  ScheduleStore,
  ScheduleTeam,
  ScheduleTenant,
  StoredSchedule,
} from "../../src/core/schedule-store.js";
import { parseSalesopsCommand, parseScheduleCommand, tokenizeArguments } from "../../src/core/schedules/parse-schedule-command.js";
import type { TenantSettings } from "../../src/core/tenant-settings.js";
import {
  addSchedule,
  answerSalesopsCommand,
  changeSchedule,
  deleteSchedule,
  listSchedules,
  pauseSchedule,
  resumeSchedule,
  scheduleFields,
  scheduleListReply,
  type ScheduleAdminOptions,
} from "../../src/core/use-cases/manage-schedules.js";

const TENANT = "tenant-1";
const ADMIN = "emp-admin";
const MANAGER = "emp-manager";
const FORMER_ADMIN = "emp-former-admin";
const APAC = "team-apac";
const EMEA = "team-emea";
const AMERICAS = "team-americas";
const PARTNERS = "team-partners";

/** The ScheduleStore port by hand: one tenant, its people and teams, schedules in an array. */
class InMemoryScheduleStore implements ScheduleStore {
  readonly rows: StoredSchedule[] = [];
  readonly updates: Array<{ id: string; changes: ScheduleChanges; now: Date }> = [];
  readonly deleted: string[] = [];
  /** Deliveries not sent yet, by schedule id (what the outbox would count). */
  readonly pending = new Map<string, number>();
  saved: TenantSettings = {};
  settingsWrites = 0;
  private serial = 0;

  constructor(
    private readonly tenantRow: ScheduleTenant,
    private readonly people: ScheduleActor[],
    private readonly teamRows: ScheduleTeam[],
  ) {}

  async tenant(tenantId: string) {
    return tenantId === this.tenantRow.id ? this.tenantRow : null;
  }
  async employee(tenantId: string, employeeId: string) {
    return tenantId === this.tenantRow.id ? (this.people.find((person) => person.id === employeeId) ?? null) : null;
  }
  async teams(tenantId: string) {
    return tenantId === this.tenantRow.id ? [...this.teamRows] : [];
  }
  async schedules(tenantId: string) {
    // In the order added: sorting for people is the use case's job.
    return tenantId === this.tenantRow.id ? [...this.rows] : [];
  }
  async create(_tenantId: string, schedule: NewSchedule, now: Date) {
    // Like the database's unique (tenant, name): exact, case-sensitive.
    if (this.rows.some((row) => row.name === schedule.name)) return "duplicate" as const;
    this.serial += 1;
    const row: StoredSchedule = { id: `schedule-${this.serial}`, ...schedule, enabled: true, lastSlot: null, createdAt: now };
    this.rows.push(row);
    return row;
  }
  async update(tenantId: string, scheduleId: string, changes: ScheduleChanges, now: Date) {
    const row = this.rows.find((candidate) => candidate.id === scheduleId);
    if (!row || tenantId !== this.tenantRow.id) return null;
    this.updates.push({ id: scheduleId, changes, now });
    Object.assign(row, changes);
    return row;
  }
  async delete(tenantId: string, scheduleId: string) {
    const index = this.rows.findIndex((candidate) => candidate.id === scheduleId);
    if (index < 0 || tenantId !== this.tenantRow.id) return null;
    this.rows.splice(index, 1);
    this.deleted.push(scheduleId);
    return { pendingDeliveries: this.pending.get(scheduleId) ?? 0 };
  }
  async settings(tenantId: string) {
    return tenantId === this.tenantRow.id ? this.saved : {};
  }
  async updateSettings(_tenantId: string, change: (current: TenantSettings) => TenantSettings) {
    this.settingsWrites += 1;
    this.saved = change(this.saved);
    return this.saved;
  }
}

// Wednesday 15 July 2026, 03:00 UTC = 11:00 in Kuala Lumpur (UTC+8), 04:00 in London (BST, UTC+1),
// 23:00 on Tuesday 14 July in New York (EDT, UTC-4).
const NOW = new Date("2026-07-15T03:00:00.000Z");

let store: InMemoryScheduleStore;
let admin: ScheduleAdminOptions;

beforeEach(() => {
  store = new InMemoryScheduleStore(
    { id: TENANT, name: "Demo Sdn Bhd", timeZone: "Asia/Kuala_Lumpur", locale: "en", leaderboardVisibility: "percentages" },
    [
      { id: ADMIN, name: "Kevin Tan", role: "admin", active: true },
      { id: MANAGER, name: "Wong Mei Ling", role: "manager", active: true },
      { id: FORMER_ADMIN, name: "Old Admin", role: "admin", active: false },
    ],
    [
      { id: APAC, name: "APAC Enterprise", timeZone: "Asia/Kuala_Lumpur", hasChannel: true },
      { id: EMEA, name: "EMEA Mid-Market", timeZone: "Europe/London", hasChannel: true },
      { id: AMERICAS, name: "Americas Commercial", timeZone: "America/New_York", hasChannel: true },
      { id: PARTNERS, name: "Partners", timeZone: "Asia/Kuala_Lumpur", hasChannel: false },
    ],
  );
  admin = { store, tenantId: TENANT, employeeId: ADMIN, locale: "en", now: NOW };
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("addSchedule", () => {
  it("takes the team's zone by default and finds the next Monday 08:00 there", async () => {
    const schedule = await addSchedule({ ...admin, kind: "forecast_digest", name: "APAC weekly", when: "weekly Mon 08:00", target: { team: "APAC Enterprise" } });
    expect(schedule).toMatchObject({
      name: "APAC weekly",
      kind: "forecast_digest",
      spec: { cron: "0 8 * * 1", preset: "weekly Mon 08:00", everyWeeks: 1, anchorDate: null },
      timeZone: "Asia/Kuala_Lumpur",
      target: { kind: "team", teamId: APAC, teamName: "APAC Enterprise" },
      enabled: true,
      lastSlot: null,
    });
    // Wed 15 Jul 11:00 KL -> Mon 20 Jul 08:00 KL = 00:00 UTC.
    expect(schedule.nextAt).toEqual(new Date("2026-07-20T00:00:00.000Z"));
    expect(store.rows).toHaveLength(1);
  });

  it("matches a team name whatever its case, and uses that team's zone (London in summer)", async () => {
    const schedule = await addSchedule({ ...admin, kind: "Forecast-Digest", name: "EMEA weekly", when: "weekly Mon 08:00", target: { team: "emea mid-market" } });
    expect(schedule.kind).toBe("forecast_digest");
    expect(schedule.timeZone).toBe("Europe/London");
    // Mon 20 Jul 08:00 BST (UTC+1) = 07:00 UTC.
    expect(schedule.nextAt).toEqual(new Date("2026-07-20T07:00:00.000Z"));
  });

  it("goes to all teams in the organisation's zone when no target is given", async () => {
    const schedule = await addSchedule({ ...admin, kind: "forecast_digest", name: "Daily", when: "daily 08:00" });
    expect(schedule.target).toEqual({ kind: "allTeams" });
    expect(schedule.timeZone).toBe("Asia/Kuala_Lumpur");
    // 11:00 KL on Wed has passed 08:00 -> Thu 16 Jul 08:00 KL = 00:00 UTC.
    expect(schedule.nextAt).toEqual(new Date("2026-07-16T00:00:00.000Z"));
  });

  it("takes --tz over the team's zone, spelled as the runtime spells it", async () => {
    const schedule = await addSchedule({
      ...admin,
      kind: "forecast_digest",
      name: "Americas evening",
      when: "weekdays 17:30",
      timeZone: "america/new_york",
      target: { team: "APAC Enterprise" },
    });
    expect(schedule.timeZone).toBe("America/New_York");
    // Tue 14 Jul 23:00 EDT now -> Wed 15 Jul 17:30 EDT (UTC-4) = 21:30 UTC.
    expect(schedule.nextAt).toEqual(new Date("2026-07-15T21:30:00.000Z"));
  });

  it("anchors 'every 2 weeks' on the Monday of this week in the schedule's zone", async () => {
    // 2026-07-12T23:30Z is Sunday 19:30 in New York (week of Mon 6 Jul) but Monday 07:30 in KL (week of Mon 13 Jul).
    const sundayNight = new Date("2026-07-12T23:30:00.000Z");
    const newYork = await addSchedule({ ...admin, now: sundayNight, kind: "forecast_digest", name: "NY fortnightly", when: "every 2 weeks Mon 08:00", timeZone: "America/New_York" });
    expect(newYork.spec).toEqual({ cron: "0 8 * * 1", preset: "every 2 weeks Mon 08:00", everyWeeks: 2, anchorDate: "2026-07-06" });
    // Week 0 = 6 Jul, Mon 13 Jul is week 1 (off), Mon 20 Jul week 2: 08:00 EDT = 12:00 UTC.
    expect(newYork.nextAt).toEqual(new Date("2026-07-20T12:00:00.000Z"));

    const kualaLumpur = await addSchedule({ ...admin, now: sundayNight, kind: "forecast_digest", name: "KL fortnightly", when: "every 2 weeks Mon 08:00" });
    expect(kualaLumpur.spec.anchorDate).toBe("2026-07-13");
    // Week 0 = 13 Jul: Mon 13 Jul 08:00 KL = 00:00 UTC, 30 minutes after now.
    expect(kualaLumpur.nextAt).toEqual(new Date("2026-07-13T00:00:00.000Z"));
  });

  it("accepts a cron expression", async () => {
    const schedule = await addSchedule({ ...admin, kind: "forecast_digest", name: "Cron", when: "30 9 * * 5", target: { team: "EMEA Mid-Market" } });
    expect(schedule.spec).toEqual({ cron: "30 9 * * 5", preset: null, everyWeeks: 1, anchorDate: null });
    // Fri 17 Jul 09:30 BST = 08:30 UTC.
    expect(schedule.nextAt).toEqual(new Date("2026-07-17T08:30:00.000Z"));
  });

  it("refuses a bad cron expression, naming the expression and the field", async () => {
    const error = await refusal(addSchedule({ ...admin, kind: "forecast_digest", name: "Bad", when: "0 25 * * 1" }));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toBe('"0 25 * * 1" is not a schedule I can run: hour 25 is out of range (0-23).');
    expect(error.params).toEqual({ field: "when", value: "0 25 * * 1" });
    expect(store.rows).toHaveLength(0);
  });

  it("refuses a preset it does not know", async () => {
    const error = await refusal(addSchedule({ ...admin, kind: "forecast_digest", name: "Bad", when: "fortnightly Mon 08:00" }));
    expect(error.message).toContain('"fortnightly Mon 08:00" is not a schedule I know');
  });

  it("refuses an unknown time zone, naming it", async () => {
    const error = await refusal(addSchedule({ ...admin, kind: "forecast_digest", name: "Mars", when: "daily 08:00", timeZone: "Mars/Olympus_Mons" }));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toBe('"Mars/Olympus_Mons" is not a known IANA time zone; use a name such as "Asia/Kuala_Lumpur" or "Europe/London".');
    expect(error.params).toEqual({ field: "timeZone", value: "Mars/Olympus_Mons" });
    // An offset carries no DST rules.
    expect((await refusal(addSchedule({ ...admin, kind: "forecast_digest", name: "Offset", when: "daily 08:00", timeZone: "+08:00" }))).message).toContain('"+08:00"');
    expect(store.rows).toHaveLength(0);
  });

  it("refuses an unknown team, naming it and the teams that have a channel", async () => {
    const error = await refusal(addSchedule({ ...admin, kind: "forecast_digest", name: "X", when: "daily 08:00", target: { team: "APAC Enterprize" } }));
    expect(error.message).toBe(
      'There is no team named "APAC Enterprize". Teams with a channel: "Americas Commercial", "APAC Enterprise", and "EMEA Mid-Market".',
    );
    expect(error.params).toEqual({ field: "team", value: "APAC Enterprize" });
  });

  it("refuses a team without a channel for digests", async () => {
    const error = await refusal(addSchedule({ ...admin, kind: "forecast_digest", name: "X", when: "daily 08:00", target: { team: "partners" } }));
    expect(error.message).toBe('The team "Partners" has no channel for digests; give it a channel first, or use --all-teams.');
  });

  it("refuses an unknown kind, listing the kinds", async () => {
    const error = await refusal(addSchedule({ ...admin, kind: "pulse_survey", name: "X", when: "daily 08:00" }));
    expect(error.message).toBe('"pulse_survey" is not a kind of schedule. The kinds are: forecast_digest.');
  });

  it("refuses a name already taken, whatever its case, and one over 80 characters", async () => {
    await addSchedule({ ...admin, kind: "forecast_digest", name: "APAC weekly", when: "weekly Mon 08:00" });
    const error = await refusal(addSchedule({ ...admin, kind: "forecast_digest", name: "apac  WEEKLY", when: "daily 08:00" }));
    expect(error.message).toBe('There is already a schedule named "apac WEEKLY". Pick another name, or change it with `/salesops schedule change "apac WEEKLY" …`.');
    const long = await refusal(addSchedule({ ...admin, kind: "forecast_digest", name: "x".repeat(81), when: "daily 08:00" }));
    expect(long.message).toBe("A schedule name is at most 80 characters.");
    expect(store.rows).toHaveLength(1);
  });

  it("says 'already taken' when another admin saved the name first (the store reports the collision)", async () => {
    const racing = new InMemoryScheduleStore(
      { id: TENANT, name: "Demo", timeZone: "UTC", locale: "en", leaderboardVisibility: "percentages" },
      [{ id: ADMIN, name: "Kevin Tan", role: "admin", active: true }],
      [],
    );
    racing.create = async () => "duplicate";
    const error = await refusal(addSchedule({ ...admin, store: racing, kind: "forecast_digest", name: "Race", when: "daily 08:00" }));
    expect(error.message).toContain('There is already a schedule named "Race"');
  });
});

describe("who may manage schedules", () => {
  it("refuses a manager and an admin who has left, for every verb, and changes nothing", async () => {
    await addSchedule({ ...admin, kind: "forecast_digest", name: "APAC weekly", when: "weekly Mon 08:00" });
    for (const employeeId of [MANAGER, FORMER_ADMIN, "someone-else"]) {
      const as = { ...admin, employeeId };
      for (const attempt of [
        listSchedules(as),
        addSchedule({ ...as, kind: "forecast_digest", name: "Sneaky", when: "daily 08:00" }),
        changeSchedule({ ...as, name: "APAC weekly", when: "daily 09:00" }),
        pauseSchedule({ ...as, name: "APAC weekly" }),
        resumeSchedule({ ...as, name: "APAC weekly" }),
        deleteSchedule({ ...as, name: "APAC weekly" }),
        answerSalesopsCommand({ ...as, text: "settings digest-detail totals" }),
        answerSalesopsCommand({ ...as, text: "schedule add forecast_digest Sneaky 0 25 * * *" }),
        answerSalesopsCommand({ ...as, text: "gibberish" }),
      ]) {
        const error = await refusal(attempt);
        expect(error.code).toBe("forbidden");
        expect(error.message).toBe("Only sales-ops admins can manage schedules.");
      }
    }
    expect(store.rows.map((row) => row.name)).toEqual(["APAC weekly"]);
    expect(store.updates).toHaveLength(0);
    expect(store.deleted).toHaveLength(0);
    expect(store.settingsWrites).toBe(0);
  });
});

describe("deleteSchedule", () => {
  beforeEach(async () => {
    await addSchedule({ ...admin, kind: "forecast_digest", name: "APAC weekly", when: "weekly Mon 08:00", target: { team: "APAC Enterprise" } });
    await addSchedule({ ...admin, kind: "forecast_digest", name: "EMEA daily", when: "daily 08:00", target: { team: "EMEA Mid-Market" } });
  });

  it("deletes by name as people read it, asks nothing, and says what it deleted and what still goes out", async () => {
    const apac = store.rows[0]!.id;
    store.pending.set(apac, 1);
    const reply = await answerSalesopsCommand({ ...admin, text: "schedule delete “apac WEEKLY”" });
    expect(reply.summary).toBe('Schedule "APAC weekly" deleted: it sends nothing more. 1 digest it had already queued still goes out.');
    const fields = reply.blocks.find((block) => block.kind === "fields");
    expect(fields).toEqual({
      kind: "fields",
      fields: [
        { label: "Kind", value: "Forecast digest" },
        { label: "When", value: "Every Monday at 08:00 (Asia/Kuala_Lumpur)" },
        { label: "Time zone", value: "Asia/Kuala_Lumpur" },
        { label: "Sent to", value: "APAC Enterprise channel" },
        { label: "Status", value: "Running" },
        { label: "Last slot", value: "None yet" },
      ],
    });
    expect(store.deleted).toEqual([apac]);
    expect(store.rows.map((row) => row.name)).toEqual(["EMEA daily"]);
    const malay = await answerSalesopsCommand({ ...admin, locale: "ms", text: 'schedule delete "EMEA daily"' });
    expect(malay.summary).toBe('Jadual "EMEA daily" dipadam: ia tidak menghantar apa-apa lagi.');
    expect(store.rows).toEqual([]);
  });

  it("refuses a name that is not there, naming the schedules there are", async () => {
    const error = await refusal(deleteSchedule({ ...admin, name: "APAC" }));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toBe('There is no schedule named "APAC". Schedules: "APAC weekly" and "EMEA daily".');
    expect(store.deleted).toEqual([]);
  });

  it("says 'no such schedule' when another admin deleted it first (the store finds none)", async () => {
    store.delete = async () => null;
    const error = await refusal(deleteSchedule({ ...admin, name: "APAC weekly" }));
    expect(error.message).toBe('There is no schedule named "APAC weekly". Schedules: "EMEA daily".');
  });
});

describe("/salesops settings: the digest detail", () => {
  it("shows the default when nothing is set, and the leaderboard setting the digests follow", async () => {
    const reply = await answerSalesopsCommand({ ...admin, text: "settings" });
    expect(reply.blocks).toEqual([
      { kind: "heading", text: "Settings" },
      {
        kind: "fields",
        fields: [
          { label: "Digest detail", value: "full — the deals named (a managers' channel) (the default)" },
          { label: "Teams with their own detail", value: "None: every team follows the organisation's" },
          { label: "Leaderboard", value: "ranks and percentages (the digests' leaderboard follows it; a totals digest shows no amounts)" },
        ],
      },
    ]);
  });

  it("sets the organisation's detail and one team's, stores them through the schema, and says so", async () => {
    const org = await answerSalesopsCommand({ ...admin, text: "settings digest-detail Totals" });
    expect(org.summary).toBe("Channel digests of teams without a setting of their own now show totals — team totals and counts only (a channel reps read), from the next digest on.");
    expect(store.saved).toEqual({ digestDetail: "totals" });
    const team = await answerSalesopsCommand({ ...admin, text: 'settings digest-detail full --team "apac enterprise"' });
    expect(team.summary).toBe("APAC Enterprise's channel digest now shows full — the deals named (a managers' channel), from the next digest on.");
    expect(store.saved).toEqual({ digestDetail: "totals", digestDetailByTeam: { [APAC]: "full" } });
    expect(team.blocks.find((block) => block.kind === "fields")).toMatchObject({
      fields: [
        { label: "Digest detail", value: "totals — team totals and counts only (a channel reps read)" },
        { label: "Teams with their own detail", value: "APAC Enterprise: full" },
        { label: "Leaderboard", value: expect.any(String) },
      ],
    });
    // The same again changes nothing and writes nothing.
    const writes = store.settingsWrites;
    expect((await answerSalesopsCommand({ ...admin, text: "settings digest-detail totals" })).summary).toBe(
      "Already so: Channel digests of teams without a setting of their own show totals — team totals and counts only (a channel reps read).",
    );
    expect(store.settingsWrites).toBe(writes);
    // inherit: APAC follows the organisation's again.
    const inherited = await answerSalesopsCommand({ ...admin, locale: "ms", text: 'settings digest-detail inherit --team "APAC Enterprise"' });
    expect(inherited.summary).toBe(
      "Ringkasan saluran APAC Enterprise kembali mengikut tetapan organisasi: jumlah — jumlah dan bilangan pasukan sahaja (saluran yang dibaca wakil jualan).",
    );
    expect(store.saved).toEqual({ digestDetail: "totals" });
  });

  it("refuses a bad value, an unknown team and inherit without a team, naming them, and writes nothing", async () => {
    const bad = await refusal(answerSalesopsCommand({ ...admin, text: "settings digest-detail brief" }));
    expect(bad).toMatchObject({ code: "invalid_input", params: { field: "digestDetail", value: "brief" } });
    expect(bad.message).toBe('"brief" is not a digest detail: use full (the deals named, for a managers\' channel) or totals (team totals only, for a channel reps read).');
    const team = await refusal(answerSalesopsCommand({ ...admin, text: 'settings digest-detail totals --team "Mars"' }));
    expect(team).toMatchObject({ code: "invalid_input", params: { field: "team", value: "Mars" } });
    expect(team.message).toContain('There is no team named "Mars".');
    const inherit = await refusal(answerSalesopsCommand({ ...admin, text: "settings digest-detail inherit" }));
    expect(inherit.message).toBe('inherit is for one team: `/salesops settings digest-detail inherit --team "<Team>"`.');
    expect(store.settingsWrites).toBe(0);
    expect((await answerSalesopsCommand({ ...admin, text: "settings colour blue" })).summary).toBe(
      '"colour" is not a setting I know; the settings are: digest-detail. See `/salesops settings help`.',
    );
  });
});

describe("changeSchedule", () => {
  beforeEach(async () => {
    await addSchedule({ ...admin, kind: "forecast_digest", name: "APAC weekly", when: "weekly Mon 08:00", target: { team: "APAC Enterprise" } });
  });

  it("changes when it runs, and saves only that", async () => {
    const { schedule, changed } = await changeSchedule({ ...admin, name: "apac weekly", when: "weekly Tue 09:30" });
    expect(changed).toEqual(["when"]);
    expect(schedule.spec.cron).toBe("30 9 * * 2");
    // Tue 21 Jul 09:30 KL = 01:30 UTC (Tue 14 Jul has passed).
    expect(schedule.nextAt).toEqual(new Date("2026-07-21T01:30:00.000Z"));
    expect(store.updates).toEqual([
      { id: store.rows[0]!.id, changes: { spec: { cron: "30 9 * * 2", preset: "weekly Tue 09:30", everyWeeks: 1, anchorDate: null } }, now: NOW },
    ]);
  });

  it("moves it to another zone, keeping the wall time", async () => {
    const { schedule, changed } = await changeSchedule({ ...admin, name: "APAC weekly", timeZone: "Europe/London" });
    expect(changed).toEqual(["timeZone"]);
    expect(schedule.spec.cron).toBe("0 8 * * 1");
    // Mon 20 Jul 08:00 BST = 07:00 UTC.
    expect(schedule.nextAt).toEqual(new Date("2026-07-20T07:00:00.000Z"));
    expect(store.updates[0]!.changes).toEqual({ timeZone: "Europe/London" });
  });

  it("reads a new 'every N weeks' in the new zone, anchored on this week", async () => {
    const { schedule, changed } = await changeSchedule({ ...admin, name: "APAC weekly", when: "every 3 weeks Fri 16:00", timeZone: "America/New_York" });
    expect(changed).toEqual(["when", "timeZone"]);
    // Now is Tue 14 Jul in New York: week of Mon 13 Jul. Fri 17 Jul is week 0: 16:00 EDT = 20:00 UTC.
    expect(schedule.spec).toEqual({ cron: "0 16 * * 5", preset: "every 3 weeks Fri 16:00", everyWeeks: 3, anchorDate: "2026-07-13" });
    expect(schedule.nextAt).toEqual(new Date("2026-07-17T20:00:00.000Z"));
  });

  it("sends it to all teams instead of one", async () => {
    const { schedule, changed } = await changeSchedule({ ...admin, name: "APAC weekly", target: { allTeams: true } });
    expect(changed).toEqual(["target"]);
    expect(schedule.target).toEqual({ kind: "allTeams" });
    expect(schedule.timeZone).toBe("Asia/Kuala_Lumpur");
  });

  it("saves nothing when the schedule already is as asked", async () => {
    const { changed } = await changeSchedule({ ...admin, name: "APAC weekly", when: "weekly Mon 08:00", target: { team: "apac enterprise" } });
    expect(changed).toEqual([]);
    expect(store.updates).toHaveLength(0);
  });

  it("refuses nothing to change, an unknown schedule, a bad cron and a bad zone — and saves none of it", async () => {
    expect((await refusal(changeSchedule({ ...admin, name: "APAC weekly" }))).message).toMatch(/^Nothing to change/);
    expect((await refusal(changeSchedule({ ...admin, name: "EMEA weekly", when: "daily 08:00" }))).message).toBe(
      'There is no schedule named "EMEA weekly". Schedules: "APAC weekly".',
    );
    expect((await refusal(changeSchedule({ ...admin, name: "APAC weekly", when: "61 8 * * 1" }))).message).toBe(
      '"61 8 * * 1" is not a schedule I can run: minute 61 is out of range (0-59).',
    );
    expect((await refusal(changeSchedule({ ...admin, name: "APAC weekly", timeZone: "Europe/Lodnon" }))).message).toContain('"Europe/Lodnon"');
    expect(store.updates).toHaveLength(0);
  });
});

describe("pauseSchedule and resumeSchedule", () => {
  beforeEach(async () => {
    await addSchedule({ ...admin, kind: "forecast_digest", name: "APAC weekly", when: "weekly Mon 08:00", target: { team: "APAC Enterprise" } });
  });

  it("pauses (no next run), says so when already paused, and resumes from now", async () => {
    const paused = await pauseSchedule({ ...admin, name: "APAC weekly" });
    expect(paused).toMatchObject({ changed: true, schedule: { enabled: false, nextAt: null } });
    expect((await pauseSchedule({ ...admin, name: "APAC weekly" })).changed).toBe(false);
    expect(store.updates.map((update) => update.changes)).toEqual([{ enabled: false }]);

    // Resumed on Sat 25 Jul 12:00 KL (04:00 UTC): the next run is Mon 27 Jul 08:00 KL = 00:00 UTC.
    const later = new Date("2026-07-25T04:00:00.000Z");
    const resumed = await resumeSchedule({ ...admin, now: later, name: "APAC weekly" });
    expect(resumed).toMatchObject({ changed: true, schedule: { enabled: true, nextAt: new Date("2026-07-27T00:00:00.000Z") } });
    expect(store.updates.at(-1)).toEqual({ id: store.rows[0]!.id, changes: { enabled: true }, now: later });
  });

  it("does not touch a running schedule on resume (that would drop a slot still to catch up)", async () => {
    const result = await resumeSchedule({ ...admin, name: "APAC weekly" });
    expect(result.changed).toBe(false);
    expect(store.updates).toHaveLength(0);
  });
});

describe("listSchedules", () => {
  it("shows each schedule with its last handled slot and its next one", async () => {
    await addSchedule({ ...admin, kind: "forecast_digest", name: "EMEA weekly", when: "weekly Mon 08:00", target: { team: "EMEA Mid-Market" } });
    await addSchedule({ ...admin, kind: "forecast_digest", name: "APAC weekly", when: "weekly Mon 08:00", target: { team: "APAC Enterprise" } });
    store.rows.find((row) => row.name === "EMEA weekly")!.lastSlot = { slotAt: new Date("2026-07-13T07:00:00.000Z"), outcome: "late" };
    await pauseSchedule({ ...admin, name: "APAC weekly" });

    const list = await listSchedules(admin);
    expect(list.map((schedule) => [schedule.name, schedule.enabled, schedule.nextAt?.toISOString() ?? null, schedule.lastSlot?.outcome ?? null])).toEqual([
      ["APAC weekly", false, null, null],
      ["EMEA weekly", true, "2026-07-20T07:00:00.000Z", "late"],
    ]);

    const emea = list[1]!;
    expect(scheduleFields(emea, "en")).toEqual([
      { label: "Kind", value: "Forecast digest" },
      { label: "When", value: "Every Monday at 08:00 (Europe/London)" },
      { label: "Time zone", value: "Europe/London" },
      { label: "Sent to", value: "EMEA Mid-Market channel" },
      { label: "Status", value: "Running" },
      // 07:00 UTC on 13 Jul = 08:00 BST.
      { label: "Last slot", value: "Mon, 13 Jul 2026, 08:00 (sent late)" },
      { label: "Next", value: "Mon, 20 Jul 2026, 08:00" },
    ]);
    expect(scheduleFields(list[0]!, "ms")).toEqual([
      { label: "Jenis", value: "Ringkasan ramalan" },
      { label: "Bila", value: "Setiap Isnin pada 08:00 (Asia/Kuala_Lumpur)" },
      { label: "Zon waktu", value: "Asia/Kuala_Lumpur" },
      { label: "Dihantar ke", value: "Saluran APAC Enterprise" },
      { label: "Status", value: "Dijeda" },
      { label: "Slot terakhir", value: "Belum ada" },
      { label: "Seterusnya", value: "— (dijeda)" },
    ]);
  });

  it("says how to add one when there are none, and cuts a long list at 15", async () => {
    expect(scheduleListReply([], "en").blocks).toEqual([
      { kind: "heading", text: "Schedules (0)" },
      { kind: "text", text: 'There are no schedules yet. Add one with `/salesops schedule add forecast_digest "<name>" weekly Mon 08:00 --all-teams`.' },
    ]);
    for (let index = 1; index <= 17; index += 1) {
      await addSchedule({ ...admin, kind: "forecast_digest", name: `Digest ${String(index).padStart(2, "0")}`, when: "daily 08:00" });
    }
    const reply = scheduleListReply(await listSchedules(admin), "en");
    // heading + 15 × (name, fields) + 14 dividers + "…and 2 more" = 46 blocks.
    expect(reply.blocks).toHaveLength(46);
    expect(reply.blocks.at(-1)).toEqual({ kind: "context", text: "…and 2 more not shown." });
  });
});

describe("answerSalesopsCommand (the /salesops text)", () => {
  it("adds from text typed in Slack, with typographic quotes and an em dash for --", async () => {
    const reply = await answerSalesopsCommand({
      ...admin,
      text: "schedule add forecast_digest “APAC weekly” weekly Mon 08:00 —team “APAC Enterprise”",
    });
    expect(reply.summary).toBe('Schedule "APAC weekly" added.');
    expect(store.rows[0]).toMatchObject({ name: "APAC weekly", target: { kind: "team", teamId: APAC }, timeZone: "Asia/Kuala_Lumpur" });
  });

  it("answers help, a typo'd verb and a missing name with a message, not an error", async () => {
    expect((await answerSalesopsCommand({ ...admin, text: "" })).summary).toBe("*Schedules* (admins only). Usage:");
    expect((await answerSalesopsCommand({ ...admin, text: "schedule remove “X”" })).summary).toBe(
      '"remove" is not something I can do with schedules; use list, add, change, pause, resume or delete. See `/salesops schedule help`.',
    );
    expect((await answerSalesopsCommand({ ...admin, locale: "ms", text: "schedule pause" })).summary).toBe(
      'Nyatakan jadual mana untuk dijeda, dalam tanda petik: `/salesops schedule pause "<nama>"`.',
    );
    expect((await answerSalesopsCommand({ ...admin, text: 'schedule add forecast_digest "APAC weekly weekly Mon 08:00' })).summary).toBe(
      'A quote (") is not closed; put the closing quote after the name.',
    );
    expect(store.rows).toHaveLength(0);
  });

  it("throws a bad cron for the adapter to show (as invalid_input)", async () => {
    const error = await refusal(answerSalesopsCommand({ ...admin, text: 'schedule add forecast_digest "Bad" 0 25 * * 1 --all-teams' }));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toContain("hour 25 is out of range (0-23)");
  });

  it("confirms a change, a pause and a resume in the admin's language", async () => {
    await answerSalesopsCommand({ ...admin, text: 'schedule add forecast_digest "APAC weekly" weekly Mon 08:00 --team "APAC Enterprise"' });
    expect((await answerSalesopsCommand({ ...admin, text: 'schedule change "APAC weekly" weekly Tue 08:00 --tz Europe/London' })).summary).toBe(
      'Schedule "APAC weekly" changed: when and time zone.',
    );
    expect((await answerSalesopsCommand({ ...admin, locale: "ms", text: 'schedule pause "APAC weekly"' })).summary).toBe(
      'Jadual "APAC weekly" dijeda. Tiada apa dihantar sehingga ia disambung semula.',
    );
    expect((await answerSalesopsCommand({ ...admin, text: "schedule resume 'APAC weekly'" })).summary).toBe(
      'Schedule "APAC weekly" resumed. Slots missed while it was paused are not sent.',
    );
  });
});

describe("the argument grammar", () => {
  it("splits words at spaces and keeps quoted words whole", () => {
    expect(tokenizeArguments(`add forecast_digest "APAC weekly" weekly  Mon 08:00 --team 'APAC Enterprise'`)).toEqual({
      ok: true,
      tokens: ["add", "forecast_digest", "APAC weekly", "weekly", "Mon", "08:00", "--team", "APAC Enterprise"],
    });
    // An apostrophe inside a word, or inside quotes, is a letter.
    expect(tokenizeArguments(`pause "Kevin's team" O'Brien`)).toEqual({ ok: true, tokens: ["pause", "Kevin's team", "O'Brien"] });
    expect(tokenizeArguments(`‘O’Brien weekly’ “”`)).toEqual({ ok: true, tokens: ["O’Brien weekly", ""] });
    expect(tokenizeArguments(`pause "APAC`)).toEqual({ ok: false, problem: { kind: "unclosedQuote", quote: '"' } });
  });

  it("reads add, change, pause, resume and list with their flags", () => {
    expect(parseScheduleCommand(["add", "forecast_digest", "APAC weekly", "weekly", "Mon", "08:00", "--team", "APAC Enterprise", "--tz=Asia/Singapore"])).toEqual({
      ok: true,
      command: { verb: "add", kind: "forecast_digest", name: "APAC weekly", when: "weekly Mon 08:00", timeZone: "Asia/Singapore", target: { team: "APAC Enterprise" } },
    });
    // The shell hands a quoted cron expression over as one word.
    expect(parseScheduleCommand(["add", "forecast_digest", "X", "0 8 * * 1", "--all-teams"])).toEqual({
      ok: true,
      command: { verb: "add", kind: "forecast_digest", name: "X", when: "0 8 * * 1", target: { allTeams: true } },
    });
    expect(parseScheduleCommand(["CHANGE", "X", "--tz", "Europe/London"])).toEqual({ ok: true, command: { verb: "change", name: "X", timeZone: "Europe/London" } });
    expect(parseScheduleCommand(["change", "X", "daily", "09:00"])).toEqual({ ok: true, command: { verb: "change", name: "X", when: "daily 09:00" } });
    expect(parseScheduleCommand(["resume", "X"])).toEqual({ ok: true, command: { verb: "resume", name: "X" } });
    expect(parseScheduleCommand(["Delete", "APAC weekly"])).toEqual({ ok: true, command: { verb: "delete", name: "APAC weekly" } });
    expect(parseScheduleCommand(["list"])).toEqual({ ok: true, command: { verb: "list" } });
    expect(parseScheduleCommand([])).toEqual({ ok: true, command: { verb: "help" } });
  });

  it("names what is wrong with a command line", () => {
    const problem = (tokens: string[]) => {
      const parsed = parseScheduleCommand(tokens);
      return parsed.ok ? null : parsed.problem;
    };
    expect(problem(["remove", "X"])).toEqual({ kind: "unknownVerb", word: "remove" });
    expect(problem(["delete"])).toEqual({ kind: "missingName", verb: "delete" });
    expect(problem(["delete", "APAC", "weekly"])).toEqual({ kind: "extraWords", verb: "delete", words: "weekly" });
    expect(problem(["delete", "X", "--team", "A"])).toEqual({ kind: "flagNotAllowed", verb: "delete", flag: "--team" });
    expect(problem(["add"])).toEqual({ kind: "missingKind" });
    expect(problem(["add", "forecast_digest"])).toEqual({ kind: "missingName", verb: "add" });
    expect(problem(["add", "forecast_digest", "X", "--all-teams"])).toEqual({ kind: "missingWhen" });
    expect(problem(["add", "forecast_digest", "X", "daily", "08:00", "--team"])).toEqual({ kind: "flagNeedsValue", flag: "--team" });
    expect(problem(["add", "forecast_digest", "X", "daily", "08:00", "--tz", "--all-teams"])).toEqual({ kind: "flagNeedsValue", flag: "--tz" });
    expect(problem(["add", "forecast_digest", "X", "daily", "08:00", "--team", "A", "--all-teams"])).toEqual({ kind: "teamAndAllTeams" });
    expect(problem(["add", "forecast_digest", "X", "daily", "08:00", "--tz", "UTC", "--tz=UTC"])).toEqual({ kind: "flagRepeated", flag: "--tz" });
    expect(problem(["add", "forecast_digest", "X", "daily", "08:00", "--channel", "C1"])).toEqual({ kind: "unknownFlag", flag: "--channel" });
    expect(problem(["pause", "X", "--tz", "UTC"])).toEqual({ kind: "flagNotAllowed", verb: "pause", flag: "--tz" });
    expect(problem(["pause", "APAC", "weekly"])).toEqual({ kind: "extraWords", verb: "pause", words: "weekly" });
    expect(problem(["list", "all"])).toEqual({ kind: "extraWords", verb: "list", words: "all" });
  });

  it("reads the /salesops topic first", () => {
    expect(parseSalesopsCommand("Schedules list")).toEqual({ ok: true, command: { verb: "list" } });
    expect(parseSalesopsCommand("help")).toEqual({ ok: true, command: { verb: "help" } });
    expect(parseSalesopsCommand("deliveries")).toEqual({ ok: false, problem: { kind: "unknownTopic", word: "deliveries" } });
  });

  it("reads /salesops settings", () => {
    expect(parseSalesopsCommand("settings")).toEqual({ ok: true, command: { verb: "showSettings" } });
    expect(parseSalesopsCommand("settings help")).toEqual({ ok: true, command: { verb: "settingsHelp" } });
    expect(parseSalesopsCommand("settings digest-detail totals")).toEqual({ ok: true, command: { verb: "setDigestDetail", value: "totals" } });
    expect(parseSalesopsCommand(`settings digest-detail full --team “APAC Enterprise”`)).toEqual({
      ok: true,
      command: { verb: "setDigestDetail", value: "full", team: "APAC Enterprise" },
    });
    expect(parseSalesopsCommand("settings digest-detail --team=EMEA inherit")).toEqual({ ok: true, command: { verb: "setDigestDetail", value: "inherit", team: "EMEA" } });
    expect(parseSalesopsCommand("settings colour blue")).toEqual({ ok: false, problem: { kind: "unknownSetting", word: "colour" } });
    expect(parseSalesopsCommand("settings digest-detail")).toEqual({ ok: false, problem: { kind: "missingSettingValue", setting: "digest-detail" } });
    expect(parseSalesopsCommand("settings digest-detail totals please")).toEqual({ ok: false, problem: { kind: "extraWords", verb: "settings", words: "please" } });
    expect(parseSalesopsCommand("settings digest-detail totals --tz UTC")).toEqual({ ok: false, problem: { kind: "unknownFlag", flag: "--tz" } });
    expect(parseSalesopsCommand("settings digest-detail totals --team")).toEqual({ ok: false, problem: { kind: "flagNeedsValue", flag: "--team" } });
  });
});

describe("admin catalogue", () => {
  /** One sample per key; typed, so a new key without a sample fails to compile. */
  const samples: { [K in AdminKey]: AdminParams[K] } = {
    "schedule.help": { command: "/salesops" },
    "schedule.listHeading": { count: 2 },
    "schedule.none": { command: "/salesops" },
    "schedule.notShown": { count: 3 },
    "schedule.added": { name: "APAC weekly" },
    "schedule.changed": { name: "APAC weekly", changed: ["When", "Time zone"] },
    "schedule.unchanged": { name: "APAC weekly" },
    "schedule.paused": { name: "APAC weekly" },
    "schedule.resumed": { name: "APAC weekly" },
    "schedule.alreadyPaused": { name: "APAC weekly" },
    "schedule.alreadyRunning": { name: "APAC weekly" },
    "schedule.deleted": { name: "APAC weekly", pending: 2 },
    "settings.help": { command: "/salesops" },
    "settings.heading": {},
    "settings.digestDetail": { detail: "totals", isDefault: false },
    "settings.teamDetail": { team: "APAC Enterprise", detail: "full" },
    "settings.noTeamDetails": {},
    "settings.leaderboard": { visibility: "percentages" },
    "settings.digestDetailSet": { detail: "totals", team: "APAC Enterprise", unchanged: false },
    "settings.digestDetailInherited": { team: "APAC Enterprise", detail: "full", unchanged: false },
    "label.digestDetail": {},
    "label.teamDigestDetails": {},
    "label.leaderboard": {},
    "error.badDigestDetail": { value: "brief" },
    "error.inheritNeedsTeam": { command: "/salesops" },
    "error.settingsAdminsOnly": {},
    "label.kind": {},
    "label.when": {},
    "label.timeZone": {},
    "label.target": {},
    "label.status": {},
    "label.lastSlot": {},
    "label.nextRun": {},
    "kind.forecast_digest": {},
    "target.team": { team: "APAC Enterprise" },
    "target.missingTeam": {},
    "target.allTeams": {},
    "status.running": {},
    "status.paused": {},
    "slot.none": {},
    "slot.handled": { slotAt: "2026-07-13T00:00:00.000Z", timeZone: "Asia/Kuala_Lumpur", outcome: "skipped" },
    "next.at": { at: "2026-07-20T00:00:00.000Z", timeZone: "Asia/Kuala_Lumpur" },
    "next.paused": {},
    "next.never": {},
    "error.unknownKind": { kind: "pulse", kinds: ["forecast_digest"] },
    "error.unknownTeam": { team: "APAC", names: ["APAC Enterprise"] },
    "error.teamWithoutChannel": { team: "Partners" },
    "error.duplicateName": { name: "APAC weekly", command: "/salesops" },
    "error.noSuchSchedule": { name: "X", names: ["APAC weekly"] },
    "error.nameTooLong": { maxChars: 80 },
    "error.badWhen": { when: "0 25 * * 1", reason: "hour 25 is out of range (0-23)." },
    "error.badTimeZone": { timeZone: "Mars/Base" },
    "error.nothingToChange": { command: "/salesops" },
    "error.adminsOnly": {},
    "usage.unclosedQuote": { quote: '"' },
    "usage.unknownVerb": { word: "remove", command: "/salesops" },
    "usage.unknownTopic": { word: "surveys", command: "/salesops" },
    "usage.missingKind": { command: "/salesops" },
    "usage.missingName": { verb: "resume", command: "/salesops" },
    "usage.missingWhen": { command: "/salesops" },
    "usage.unknownFlag": { flag: "--channel" },
    "usage.flagNeedsValue": { flag: "--tz" },
    "usage.flagRepeated": { flag: "--tz" },
    "usage.flagNotAllowed": { verb: "pause", flag: "--tz" },
    "usage.teamAndAllTeams": {},
    "usage.extraWords": { verb: "pause", words: "weekly" },
    "usage.unknownSetting": { word: "colour", command: "/salesops" },
    "usage.missingSettingValue": { setting: "digest-detail", command: "/salesops" },
  };
  /** Words that read the same in both: a zone name, a status word Malay borrows. */
  const SAME_IN_BOTH = new Set<AdminKey>(["label.status", "settings.teamDetail"]);
  const render = (locale: "en" | "ms", key: AdminKey): string =>
    (adminText as (locale: "en" | "ms", key: AdminKey, params?: unknown) => string)(locale, key, samples[key]);

  it("has the same keys in English and Malay", () => {
    const english = Object.keys(adminCatalogues.en).sort();
    expect(Object.keys(adminCatalogues.ms).sort()).toEqual(english);
    expect(Object.keys(samples).sort()).toEqual(english);
  });

  it.each(Object.keys(samples) as AdminKey[])("renders %s in both languages", (key) => {
    const english = render("en", key);
    const malay = render("ms", key);
    for (const text of [english, malay]) {
      expect(text.trim()).not.toBe("");
      expect(text).not.toMatch(/undefined|NaN|\[object|\$\{/);
    }
    if (!SAME_IN_BOTH.has(key)) expect(malay).not.toBe(english);
  });

  it("shows an instant as a wall time in the schedule's zone, in the reader's language", () => {
    // 2026-07-20T00:00Z = Monday 08:00 in Kuala Lumpur.
    expect(adminText("en", "next.at", { at: "2026-07-20T00:00:00.000Z", timeZone: "Asia/Kuala_Lumpur" })).toBe("Mon, 20 Jul 2026, 08:00");
    expect(adminText("ms", "next.at", { at: "2026-07-20T00:00:00.000Z", timeZone: "Asia/Kuala_Lumpur" })).toBe("Isn, 20 Jul 2026, 08:00");
  });
});
