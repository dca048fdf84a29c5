// `/forecast` gives the right figures for every demo rep, every manager and the VP, in every
// kind of period — this quarter, last quarter, H1, H2, the fiscal year and two months — asked
// through Bolt's real HTTP receiver with signed requests. The expected figures come from the
// tables with plain SQL, one batched query per kind of figure (a recursive CTE for "themselves
// and everyone below them"), and are formatted with `Intl` directly. A manager's `/forecast`
// answers for their team; their `/forecast`, `/forecast team` and `/quota` show one quota and
// one closed won. While a period is under way, its overdue open deals (due before it, still
// open, not Omitted) are listed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database.js";
import { backends } from "../support/databases.js";
import { type DateSpan, forecastOf, formatsFor, type DealSums } from "../support/independent-figures.js";
import { startBotUnderTest, type BotUnderTest, type SlackReply, unescapeMrkdwn as unescape } from "../support/slack-bot.js";

const TODAY = "2026-11-25";
// 14:00 in Kuala Lumpur, 06:00 in London, 01:00 in New York: 25 Nov for every demo asker.
const NOW = new Date("2026-11-25T06:00:00.000Z");
const clock = { now: () => NOW };

// A ringgit tenant with a January fiscal year: FY2026 is calendar 2026.
const PERIODS: Array<{ key: string; text: string; span: DateSpan }> = [
  { key: "this quarter", text: "this quarter", span: { start: "2026-10-01", end: "2026-12-31" } },
  { key: "last quarter", text: "last quarter", span: { start: "2026-07-01", end: "2026-09-30" } },
  { key: "H1", text: "H1 FY2026", span: { start: "2026-01-01", end: "2026-06-30" } },
  { key: "H2", text: "H2 FY2026", span: { start: "2026-07-01", end: "2026-12-31" } },
  { key: "FY", text: "FY2026", span: { start: "2026-01-01", end: "2026-12-31" } },
  { key: "October", text: "October 2026", span: { start: "2026-10-01", end: "2026-10-31" } },
  { key: "this month", text: "this month", span: { start: "2026-11-01", end: "2026-11-30" } },
];
const underWay = (span: DateSpan) => span.start <= TODAY && TODAY <= span.end;

type Language = "en" | "ms";

interface Asker {
  id: string;
  email: string;
  name: string;
  role: string;
  language: Language;
  leadsPeople: boolean;
}

interface OverdueDeal {
  id: string;
  name: string;
  accountName: string | null;
  amountMinor: bigint;
  closeDate: string;
}

const OVERDUE_WORDS = {
  en: { title: "Overdue:", due: "was due" },
  ms: { title: "Tertunggak:", due: "sepatutnya ditutup" },
} as const;

/** Everyone with the people below them (a person is their own first member), as pairs. */
const TREE = `
  WITH RECURSIVE tree(root_id, member_id) AS (
    SELECT id, id FROM employee WHERE tenant_id = $1::uuid
    UNION
    SELECT t.root_id, e.id FROM tree t JOIN employee e ON e.manager_id = t.member_id WHERE e.tenant_id = $1::uuid
  ), periods(key, start_date, end_date) AS (
    SELECT * FROM unnest($2::text[], $3::date[], $4::date[])
  )`;

async function rows<Row extends Record<string, unknown>>(db: Database, sql: string, params: unknown[]): Promise<Row[]> {
  return db.withSession((session) => session.query<Row>(sql, params));
}

/** Σ per (person and everyone below them, period), in one query. */
async function teamSums(db: Database, tenantId: string): Promise<Map<string, DealSums>> {
  const result = await rows<{ root_id: string; key: string; won: string; commit_open: string; upside_open: string; pipeline_only: string; weighted_percent: string }>(
    db,
    `${TREE}
     SELECT t.root_id::text AS root_id, p.key,
            COALESCE(SUM(o.amount_minor) FILTER (WHERE o.is_closed AND o.is_won), 0)::text AS won,
            COALESCE(SUM(o.amount_minor) FILTER (WHERE NOT o.is_closed AND o.forecast_category::text IN ('Commit', 'Closed')), 0)::text AS commit_open,
            COALESCE(SUM(o.amount_minor) FILTER (WHERE NOT o.is_closed AND o.forecast_category::text IN ('MostLikely', 'BestCase')), 0)::text AS upside_open,
            COALESCE(SUM(o.amount_minor) FILTER (WHERE NOT o.is_closed AND o.forecast_category::text = 'Pipeline'), 0)::text AS pipeline_only,
            COALESCE(SUM(o.amount_minor * o.probability) FILTER (WHERE NOT o.is_closed AND o.forecast_category::text <> 'Omitted'), 0)::text AS weighted_percent
       FROM tree t
       JOIN opportunity o ON o.owner_id = t.member_id AND o.tenant_id = $1::uuid
       JOIN periods p ON o.close_date BETWEEN p.start_date AND p.end_date
      GROUP BY t.root_id, p.key`,
    [tenantId, PERIODS.map((p) => p.key), PERIODS.map((p) => p.span.start), PERIODS.map((p) => p.span.end)],
  );
  const sums = new Map<string, DealSums>();
  for (const row of result) {
    sums.set(`${row.root_id}|${row.key}`, {
      wonMinor: BigInt(row.won),
      commitOpenMinor: BigInt(row.commit_open),
      upsideOpenMinor: BigInt(row.upside_open),
      pipelineOnlyMinor: BigInt(row.pipeline_only),
      weightedPercent: BigInt(row.weighted_percent),
    });
  }
  return sums;
}

/** Open, non-Omitted deals due before each period under way, per person and everyone below them, largest first. */
async function overdueDeals(db: Database, tenantId: string): Promise<Map<string, OverdueDeal[]>> {
  const open = PERIODS.filter((p) => underWay(p.span));
  const result = await rows<{ root_id: string; key: string; id: string; name: string; account_name: string | null; amount: string; close_date: string }>(
    db,
    `${TREE}
     SELECT t.root_id::text AS root_id, p.key, o.id::text AS id, o.name, o.account_name, o.amount_minor::text AS amount, o.close_date::text AS close_date
       FROM tree t
       JOIN opportunity o ON o.owner_id = t.member_id AND o.tenant_id = $1::uuid
       JOIN periods p ON o.close_date < p.start_date
      WHERE NOT o.is_closed AND o.forecast_category::text <> 'Omitted'
      ORDER BY t.root_id, p.key, o.amount_minor DESC, o.id`,
    [tenantId, open.map((p) => p.key), open.map((p) => p.span.start), open.map((p) => p.span.end)],
  );
  const deals = new Map<string, OverdueDeal[]>();
  for (const row of result) {
    const key = `${row.root_id}|${row.key}`;
    const list = deals.get(key) ?? [];
    list.push({ id: row.id, name: row.name, accountName: row.account_name, amountMinor: BigInt(row.amount), closeDate: row.close_date });
    deals.set(key, list);
  }
  return deals;
}

async function askers(db: Database, tenantId: string): Promise<Asker[]> {
  const result = await rows<{ id: string; email: string; name: string; role: string; locale: string; leads: boolean }>(
    db,
    `SELECT e.id::text AS id, e.email, e.name, e.role::text AS role, e.locale,
            EXISTS (SELECT 1 FROM employee r WHERE r.tenant_id = e.tenant_id AND r.manager_id = e.id) AS leads
       FROM employee e
      WHERE e.tenant_id = $1::uuid AND e.active AND e.role::text IN ('rep', 'manager')
      ORDER BY e.role, e.email`,
    [tenantId],
  );
  return result.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    language: row.locale === "ms" ? "ms" : "en",
    leadsPeople: row.leads,
  }));
}

// --- reading a Block Kit reply ---------------------------------------------------------------

/** Field values in the order shown (the same in both languages). */
function fieldValues(reply: SlackReply): string[] {
  const values: string[] = [];
  for (const block of reply.blocks) {
    for (const field of (block.fields as Array<{ text: string }> | undefined) ?? []) {
      const text = unescape(field.text);
      values.push(text.slice(text.indexOf("\n") + 1));
    }
  }
  return values;
}

function fieldByLabel(reply: SlackReply, labels: readonly string[]): string | undefined {
  for (const block of reply.blocks) {
    for (const field of (block.fields as Array<{ text: string }> | undefined) ?? []) {
      const text = unescape(field.text);
      const label = text.slice(0, text.indexOf("\n")).replace(/^\*(.*)\*$/, "$1");
      if (labels.includes(label)) return text.slice(text.indexOf("\n") + 1);
    }
  }
  return undefined;
}

/**
 * The overdue list: the language it is in, its title line and its items, or null when the reply
 * has none. (The reply language follows the question: "this quarter" is answered in English even
 * for a Malay-speaking asker.)
 */
function overdueListOf(reply: SlackReply): { language: Language; title: string; items: string[]; more: string | null } | null {
  const sections = reply.blocks.map((block, index) => ({ block, index }));
  const titleOf = (block: Record<string, unknown>): string => unescape((block.text as { text?: string } | undefined)?.text ?? "");
  const languageOf = (block: Record<string, unknown>): Language | null =>
    block.type !== "section" ? null : titleOf(block).startsWith(`*${OVERDUE_WORDS.en.title}`) ? "en" : titleOf(block).startsWith(`*${OVERDUE_WORDS.ms.title}`) ? "ms" : null;
  const found = sections.find(({ block }) => languageOf(block) !== null);
  if (found === undefined) return null;
  const language = languageOf(found.block)!;
  const lines = unescape((found.block.text as { text: string }).text).split("\n");
  const next = reply.blocks[found.index + 1];
  const more = next?.type === "context" ? unescape(((next.elements as Array<{ text: string }>)[0]?.text) ?? "") : null;
  return { language, title: lines[0]!, items: lines.slice(1).map((line) => line.replace(/^• /, "")), more: more !== null && /\d/.test(more) && /more|lagi/.test(more) ? more : null };
}

for (const kind of backends) {
  describe(`/forecast in every period for every demo seller [${kind}]`, () => {
    let bot: BotUnderTest;
    let people: Asker[];
    let sums: Map<string, DealSums>;
    let overdue: Map<string, OverdueDeal[]>;

    beforeAll(async () => {
      bot = await startBotUnderTest(kind, { today: TODAY, clock });
      const db = bot.testDatabase.db;
      [people, sums, overdue] = await Promise.all([askers(db, bot.tenantId), teamSums(db, bot.tenantId), overdueDeals(db, bot.tenantId)]);
    }, 120_000);
    afterAll(async () => {
      await bot?.close();
    });

    it("has reps, managers and a VP to ask, and overdue deals the quarter must count", () => {
      expect(people.filter((p) => p.role === "rep").length).toBeGreaterThanOrEqual(20);
      expect(people.filter((p) => p.leadsPeople).length).toBe(4); // three team managers and the VP
      // The whole organisation's overdue deals for this quarter: the ones the projection used to leave out.
      const everyOverdue = [...overdue.entries()].filter(([key]) => key.endsWith("|this quarter")).flatMap(([, list]) => list);
      expect(everyOverdue.length).toBeGreaterThan(0);
    });

    it("answers each seller's /forecast for each period with the figures plain SQL gives", async () => {
      const mismatches: string[] = [];
      let checked = 0;
      for (const person of people) {
        for (const period of PERIODS) {
          const reply = await bot.ask(person.email, "/forecast", period.text);
          const list = overdueListOf(reply);
          const language = list?.language ?? person.language;
          const f = formatsFor(language);
          const words = OVERDUE_WORDS[language];
          const values = fieldValues(reply);
          const figures = forecastOf(
            sums.get(`${person.id}|${period.key}`) ?? { wonMinor: 0n, commitOpenMinor: 0n, upsideOpenMinor: 0n, pipelineOnlyMinor: 0n, weightedPercent: 0n },
          );
          const expected = [f.money(figures.closed), f.money(figures.commit), f.money(figures.bestCase), f.money(figures.pipeline), f.money(figures.weighted)];
          const what = `${person.email} ${period.text}`;
          if (JSON.stringify(values.slice(0, 5)) !== JSON.stringify(expected)) mismatches.push(`${what}: ${values.slice(0, 5).join(" | ")} ≠ ${expected.join(" | ")}`);

          const deals = underWay(period.span) ? (overdue.get(`${person.id}|${period.key}`) ?? []) : [];
          if (deals.length === 0) {
            if (list !== null) mismatches.push(`${what}: an overdue list where SQL has none`);
          } else {
            const total = deals.reduce((sum, deal) => sum + deal.amountMinor, 0n);
            const count = deals.length;
            const titleStart =
              language === "en"
                ? `*${words.title} ${count === 1 ? "1 open deal" : `${count} open deals`} (${f.money(total)}) ${count === 1 ? "was" : "were"} due before this period and still open; the projection counts `
                : `*${words.title} ${count} deal terbuka (${f.money(total)}) sepatutnya ditutup sebelum tempoh ini dan masih terbuka; unjuran mengira `;
            const items = deals.slice(0, 5).map((deal) => {
              const account = deal.accountName !== null && !deal.name.toLowerCase().includes(deal.accountName.toLowerCase()) ? ` (${deal.accountName})` : "";
              return `${deal.name}${account} · ${f.money(deal.amountMinor)} · ${words.due} ${f.date(deal.closeDate)}`;
            });
            if (list === null) mismatches.push(`${what}: no overdue list, SQL has ${count} deals`);
            else {
              if (!list.title.startsWith(titleStart)) mismatches.push(`${what}: overdue title ${list.title} ≠ ${titleStart}…`);
              if (JSON.stringify(list.items) !== JSON.stringify(items)) mismatches.push(`${what}: overdue ${list.items.join(" / ")} ≠ ${items.join(" / ")}`);
              if ((list.more !== null) !== count > 5) mismatches.push(`${what}: "more" line ${list.more} for ${count} deals`);
            }
          }
          checked++;
        }
      }
      expect(mismatches).toEqual([]);
      expect(checked).toBe(people.length * PERIODS.length);
    }, 240_000);

    it("/forecast method describes the model that answered and back-tests each of the last four quarters", async () => {
      const db = bot.testDatabase.db;
      // Today's model for Q4 (36 days from 25 Nov to 31 Dec): open, non-Omitted snapshot rows
      // taken at least 36 days ago and due within 36 days of being taken; won when the deal's
      // latest state by today is won with a close date within those 36 days.
      const [model] = await rows<{ observations: number; wins: number }>(
        db,
        `WITH observed AS (
           SELECT p.opportunity_id, p.snapshot_date FROM pipeline_snapshot p
            WHERE p.tenant_id = $1::uuid AND NOT p.is_closed AND p.forecast_category::text <> 'Omitted'
              AND p.snapshot_date <= $2::date - 36 AND p.close_date <= p.snapshot_date + 36
         ), latest AS (
           SELECT DISTINCT ON (opportunity_id) opportunity_id, is_closed, is_won, close_date FROM pipeline_snapshot
            WHERE tenant_id = $1::uuid AND snapshot_date <= $2::date ORDER BY opportunity_id, snapshot_date DESC
         )
         SELECT count(*)::int AS observations,
                count(*) FILTER (WHERE l.is_closed AND l.is_won AND l.close_date <= o.snapshot_date + 36)::int AS wins
           FROM observed o JOIN latest l USING (opportunity_id)`,
        [bot.tenantId, TODAY],
      );
      expect(model!.observations).toBeGreaterThan(0);
      const closedIn = await rows<{ key: string; won: string }>(
        db,
        `SELECT q.key, COALESCE(SUM(o.amount_minor) FILTER (WHERE o.is_closed AND o.is_won), 0)::text AS won
           FROM unnest($2::text[], $3::date[], $4::date[]) AS q(key, start_date, end_date)
           LEFT JOIN opportunity o ON o.tenant_id = $1::uuid AND o.close_date BETWEEN q.start_date AND q.end_date
          GROUP BY q.key`,
        [bot.tenantId, ["Q4 FY2025", "Q1 FY2026", "Q2 FY2026", "Q3 FY2026"], ["2025-10-01", "2026-01-01", "2026-04-01", "2026-07-01"], ["2025-12-31", "2026-03-31", "2026-06-30", "2026-09-30"]],
      );
      const f = formatsFor("en");
      const reply = await bot.ask("weiming.tan@demo.salesops.test", "/forecast", "method");
      const text = reply.blocks.map((block) => unescape((block.text as { text?: string } | undefined)?.text ?? "")).join("\n");
      const count = (n: number) => new Intl.NumberFormat("en-MY").format(n);
      expect(text).toContain(
        `with 36 days to go, that were won within 36 days. The shares are learned from this organisation's weekly pipeline snapshots up to ${f.date(TODAY)}, everyone's deals together: ${count(model!.observations)} such deals, ${count(model!.wins)} won (${f.percent(model!.wins / model!.observations)}).`,
      );
      expect(text).toContain("Replayed over the last 4 quarters, it was off by");
      // Each past quarter scored against what finally closed in it.
      const literal = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      for (const row of closedIn) {
        expect(text).toMatch(new RegExp(`• ${row.key}: projected RM\\s[\\d.]+[KM]?, closed ${literal(f.compact(BigInt(row.won)))} \\(`));
      }
    });

    it("shows a manager the same quota and closed won in /forecast, /forecast team and /quota, for every period", async () => {
      const mismatches: string[] = [];
      for (const person of people.filter((p) => p.leadsPeople)) {
        const f = formatsFor(person.language);
        for (const period of PERIODS) {
          const [forecast, team, quota] = await Promise.all([
            bot.ask(person.email, "/forecast", period.text),
            bot.ask(person.email, "/forecast", `team ${period.text}`),
            bot.ask(person.email, "/quota", period.text),
          ]);
          const closed = f.money(forecastOf(sums.get(`${person.id}|${period.key}`)!).closed);
          const own = fieldValues(forecast);
          const lines = fieldValues(team);
          const quotaValue = fieldByLabel(quota, ["Quota", "Kuota"]);
          const closedValue = fieldByLabel(quota, ["Closed won", "Jualan dimenangi"]);
          const what = `${person.email} ${period.text}`;
          // Closed, …, Projection, then the quota (the manager's own: quota rule 3).
          if (own[0] !== closed || lines[0] !== closed || closedValue !== closed) {
            mismatches.push(`${what}: closed ${own[0]} / ${lines[0]} / ${closedValue} ≠ ${closed}`);
          }
          if (quotaValue === undefined || own[6] !== quotaValue || lines[6] !== quotaValue) {
            mismatches.push(`${what}: quota ${own[6]} / ${lines[6]} / ${quotaValue}`);
          }
        }
      }
      expect(mismatches).toEqual([]);
    }, 240_000);
  });
}
