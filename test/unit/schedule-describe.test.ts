import { describe, expect, it } from "vitest";
import { describeSchedule, parseScheduleSpec, scheduleCadence } from "../../src/core/schedules/index.js";

const both = (text: string, timeZone = "Europe/London"): [string, string] => {
  const spec = parseScheduleSpec(text, { anchorDate: "2026-03-02" });
  return [describeSchedule(spec, timeZone, "en"), describeSchedule(spec, timeZone, "ms")];
};

describe("describeSchedule", () => {
  it("describes each preset in English and Malay", () => {
    expect(both("weekly Mon 08:00")).toEqual(["Every Monday at 08:00 (Europe/London)", "Setiap Isnin pada 08:00 (Europe/London)"]);
    expect(both("daily 7:05", "Asia/Kuala_Lumpur")).toEqual([
      "Every day at 07:05 (Asia/Kuala_Lumpur)",
      "Setiap hari pada 07:05 (Asia/Kuala_Lumpur)",
    ]);
    expect(both("weekdays 08:30")).toEqual(["Every weekday at 08:30 (Europe/London)", "Setiap hari bekerja pada 08:30 (Europe/London)"]);
    expect(both("every 2 weeks Fri 16:00")).toEqual([
      "Every 2 weeks on Friday at 16:00 (Europe/London)",
      "Setiap 2 minggu, hari Jumaat pada 16:00 (Europe/London)",
    ]);
    expect(both("monthly on the first Tuesday 09:00")).toEqual([
      "On the first Tuesday of every month at 09:00 (Europe/London)",
      "Selasa pertama setiap bulan pada 09:00 (Europe/London)",
    ]);
    expect(both("monthly on the last Friday 09:00")).toEqual([
      "On the last Friday of every month at 09:00 (Europe/London)",
      "Jumaat terakhir setiap bulan pada 09:00 (Europe/London)",
    ]);
    expect(both("monthly on day 1 09:00")).toEqual([
      "On day 1 of every month at 09:00 (Europe/London)",
      "Hari ke-1 setiap bulan pada 09:00 (Europe/London)",
    ]);
    expect(both("quarterly on day 1 09:00")).toEqual([
      "On day 1 of every quarter (Jan, Apr, Jul, Oct) at 09:00 (Europe/London)",
      "Hari ke-1 setiap suku tahun (Jan, Apr, Jul, Okt) pada 09:00 (Europe/London)",
    ]);
  });

  it("describes cron written in a preset's shape the same way, and lists a few days and times", () => {
    expect(both("0 8 * * mon")[0]).toBe("Every Monday at 08:00 (Europe/London)");
    expect(both("0 8,17 * * 0,1,3")).toEqual([
      "Every Monday, Wednesday, and Sunday at 08:00 and 17:00 (Europe/London)",
      "Setiap Isnin, Rabu dan Ahad pada 08:00 dan 17:00 (Europe/London)",
    ]);
  });

  it("shows any other cron as it is", () => {
    expect(both("*/15 9-17 * * 1-5")).toEqual([
      'On cron schedule "*/15 9-17 * * 1-5" (Europe/London)',
      'Mengikut jadual cron "*/15 9-17 * * 1-5" (Europe/London)',
    ]);
    expect(both("0 9 13 * FRI")[0]).toBe('On cron schedule "0 9 13 * 5" (Europe/London)');
  });
});

describe("scheduleCadence (the digest heading's word for a schedule)", () => {
  const cadence = (text: string) => scheduleCadence(parseScheduleSpec(text, { anchorDate: "2026-03-02" }));

  it("names each preset's recurrence, and the same shapes written as cron", () => {
    expect(cadence("daily 08:00")).toEqual({ kind: "daily" });
    expect(cadence("weekdays 08:30")).toEqual({ kind: "weekdays" });
    expect(cadence("0 8 * * 1-5")).toEqual({ kind: "weekdays" });
    expect(cadence("weekly Mon 08:00")).toEqual({ kind: "weekly" });
    expect(cadence("0 8 * * sun")).toEqual({ kind: "weekly" });
    expect(cadence("every 2 weeks Fri 16:00")).toEqual({ kind: "everyWeeks", weeks: 2 });
    expect(cadence("every 3 weeks Mon 08:00")).toEqual({ kind: "everyWeeks", weeks: 3 });
    expect(cadence("monthly on the first Tuesday 09:00")).toEqual({ kind: "monthly" });
    expect(cadence("monthly on the last Friday 09:00")).toEqual({ kind: "monthly" });
    expect(cadence("monthly on day 1 09:00")).toEqual({ kind: "monthly" });
    expect(cadence("quarterly on day 1 09:00")).toEqual({ kind: "quarterly" });
  });

  it("claims no word that would be false: several days a week, several times a day, odd crons", () => {
    expect(cadence("0 8 * * 1,3")).toEqual({ kind: "custom" }); // Mon and Wed: not weekly, not daily
    expect(cadence("*/15 * * * *")).toEqual({ kind: "custom" }); // every 15 minutes is not "daily"
    expect(cadence("0 8,17 * * *")).toEqual({ kind: "custom" });
    expect(cadence("0 8 1 6 *")).toEqual({ kind: "custom" }); // once a year
    expect(cadence("0 8 1,15 * *")).toEqual({ kind: "custom" }); // twice a month
  });
});
