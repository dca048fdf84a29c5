// The people of the demo organisation. Fixed on purpose: tests, the README and demos refer to
// them by e-mail. Start dates are computed from the seeding day (see demo-tenant.ts).
import type { EmployeeRole } from "../generated/enums.js";

export type DemoTeamKey = "apac" | "emea" | "americas";

export interface DemoTeam {
  key: DemoTeamKey;
  name: string;
  timeZone: string;
  /** Full quarterly quota of a typical rep, major units of MYR. */
  repQuotaMajor: number;
  /** Typical deal size, major units of MYR. */
  medianDealMajor: number;
  accountPrefixes: readonly string[];
  accountSuffixes: readonly string[];
}

export const DEMO_TEAMS: readonly DemoTeam[] = [
  {
    key: "apac",
    name: "APAC Enterprise",
    timeZone: "Asia/Kuala_Lumpur",
    repQuotaMajor: 750_000,
    medianDealMajor: 160_000,
    accountPrefixes: ["Sinar", "Mutiara", "Cahaya", "Permata", "Gemilang", "Bintang", "Seri", "Wawasan", "Kencana", "Delima", "Teratai", "Bayu", "Tanjung", "Puncak", "Nusantara", "Harmoni"],
    accountSuffixes: ["Logistik Sdn Bhd", "Holdings Berhad", "Teknologi Sdn Bhd", "Runcit Sdn Bhd", "Industri Sdn Bhd", "Healthcare Sdn Bhd"],
  },
  {
    key: "emea",
    name: "EMEA Mid-Market",
    timeZone: "Europe/London",
    repQuotaMajor: 420_000,
    medianDealMajor: 70_000,
    accountPrefixes: ["Hawthorne", "Ashford", "Kingsbridge", "Harrowgate", "Thames", "Pennine", "Albion", "Marlow", "Cotswold", "Redbrook", "Stratton", "Highgate", "Northfield", "Ravensworth", "Wexley", "Brampton"],
    accountSuffixes: ["Retail Ltd", "Logistics Ltd", "Insurance plc", "Foods Ltd", "Engineering Ltd", "Healthcare Group"],
  },
  {
    key: "americas",
    name: "Americas Commercial",
    timeZone: "America/New_York",
    repQuotaMajor: 300_000,
    medianDealMajor: 40_000,
    accountPrefixes: ["Bluewater", "Summit", "Granite", "Lakeshore", "Redwood", "Ironbridge", "Cedar Point", "Liberty", "Keystone", "Silverline", "Prairie", "Harborview", "Crescent", "Pioneer", "Riverbend", "Sterling"],
    accountSuffixes: ["Logistics Inc", "Health Systems", "Financial Group", "Foods Inc", "Manufacturing Co", "Software Inc"],
  },
];

export interface DemoPerson {
  /** Stable key; ids and chat ids derive from it. */
  key: string;
  name: string;
  /** Local part; the domain is DEMO_EMAIL_DOMAIN. */
  emailLocal: string;
  title: string;
  role: EmployeeRole;
  team: DemoTeamKey | null;
  manager: string | null;
  timeZone: string;
  locale: "en" | "ms";
  /** Years in the company before the oldest seeded quarter (ignored for the new hire). */
  tenureYears: number;
  workdayStartMinute: number;
  workdayEndMinute: number;
  /** ISO weekdays, 1 = Monday. */
  workingDays: readonly number[];
  /** Reps only: full quota relative to the team's typical rep quota. */
  quotaFactor?: number;
  /** Reps only: typical share of quota won per quarter. */
  performance?: number;
  /** The hire who started this quarter and is ramping (quota at 50 %). */
  newHire?: boolean;
}

const KL = { timeZone: "Asia/Kuala_Lumpur", workdayStartMinute: 540, workdayEndMinute: 1080, workingDays: [1, 2, 3, 4, 5] };
const LONDON = { timeZone: "Europe/London", workdayStartMinute: 540, workdayEndMinute: 1050, workingDays: [1, 2, 3, 4, 5] };
const NEW_YORK = { timeZone: "America/New_York", workdayStartMinute: 510, workdayEndMinute: 1020, workingDays: [1, 2, 3, 4, 5] };

function rep(
  team: DemoTeamKey,
  manager: string,
  base: typeof KL,
  key: string,
  name: string,
  title: string,
  locale: "en" | "ms",
  tenureYears: number,
  quotaFactor: number,
  performance: number,
  extra: Partial<DemoPerson> = {},
): DemoPerson {
  return { key, name, emailLocal: key, title, role: "rep", team, manager, locale, tenureYears, quotaFactor, performance, ...base, ...extra };
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { key: "aina.rahman", name: "Nurul Aina Rahman", emailLocal: "aina.rahman", title: "VP of Sales", role: "manager", team: null, manager: null, locale: "en", tenureYears: 6, ...KL },
  { key: "kevin.tan", name: "Kevin Tan", emailLocal: "kevin.tan", title: "Sales Operations Manager", role: "admin", team: null, manager: "aina.rahman", locale: "en", tenureYears: 4, ...KL },
  { key: "meiling.wong", name: "Wong Mei Ling", emailLocal: "meiling.wong", title: "Sales Manager, APAC Enterprise", role: "manager", team: "apac", manager: "aina.rahman", locale: "en", tenureYears: 5, ...KL },
  { key: "james.whitfield", name: "James Whitfield", emailLocal: "james.whitfield", title: "Sales Manager, EMEA Mid-Market", role: "manager", team: "emea", manager: "aina.rahman", locale: "en", tenureYears: 4, ...LONDON },
  { key: "jessica.morales", name: "Jessica Morales", emailLocal: "jessica.morales", title: "Sales Manager, Americas Commercial", role: "manager", team: "americas", manager: "aina.rahman", locale: "en", tenureYears: 3, ...NEW_YORK },

  rep("apac", "meiling.wong", KL, "ahmad.faizal", "Ahmad Faizal Ismail", "Senior Enterprise Account Executive", "ms", 4, 1.1, 1.05),
  rep("apac", "meiling.wong", KL, "nurul.izzati", "Nurul Izzati Abdullah", "Enterprise Account Executive", "ms", 2, 1, 0.92),
  rep("apac", "meiling.wong", KL, "weiming.tan", "Tan Wei Ming", "Senior Enterprise Account Executive", "en", 5, 1.15, 1.22),
  rep("apac", "meiling.wong", KL, "priya.nair", "Priya Nair", "Enterprise Account Executive", "en", 2, 1, 1.1, {
    timeZone: "Asia/Kolkata", workdayStartMinute: 570, workdayEndMinute: 1110,
  }),
  // Works from Kota Bharu, where the weekend is Friday and Saturday.
  rep("apac", "meiling.wong", KL, "hafiz.roslan", "Muhammad Hafiz Roslan", "Enterprise Account Executive", "ms", 3, 0.95, 0.72, {
    workingDays: [7, 1, 2, 3, 4],
  }),
  rep("apac", "meiling.wong", KL, "jiahui.lim", "Lim Jia Hui", "Enterprise Account Executive", "en", 3, 1, 1.38),
  rep("apac", "meiling.wong", KL, "kavitha.rajendran", "Kavitha Rajendran", "Enterprise Account Executive", "en", 1, 0.9, 0.6),
  rep("apac", "meiling.wong", KL, "karwai.chong", "Chong Kar Wai", "Enterprise Account Executive", "en", 2, 1, 0.86),
  rep("apac", "meiling.wong", KL, "aiman.zulkifli", "Aiman Zulkifli", "Enterprise Account Executive", "ms", 0, 1, 0.8, { newHire: true }),

  rep("emea", "james.whitfield", LONDON, "oliver.bennett", "Oliver Bennett", "Senior Account Executive", "en", 4, 1.05, 1.08),
  rep("emea", "james.whitfield", LONDON, "charlotte.hughes", "Charlotte Hughes", "Account Executive", "en", 2, 1, 0.95),
  rep("emea", "james.whitfield", LONDON, "harry.patel", "Harry Patel", "Account Executive", "en", 3, 1, 1.3),
  // Part-time, Monday to Thursday.
  rep("emea", "james.whitfield", LONDON, "amelia.clarke", "Amelia Clarke", "Account Executive", "en", 2, 0.8, 0.78, { workingDays: [1, 2, 3, 4] }),
  rep("emea", "james.whitfield", LONDON, "george.evans", "George Evans", "Account Executive", "en", 1, 1, 1),
  rep("emea", "james.whitfield", LONDON, "sophie.reynolds", "Sophie Reynolds", "Senior Account Executive", "en", 5, 1.1, 1.16),
  rep("emea", "james.whitfield", LONDON, "thomas.wright", "Thomas Wright", "Account Executive", "en", 1, 0.9, 0.62),
  rep("emea", "james.whitfield", LONDON, "emily.davies", "Emily Davies", "Account Executive", "en", 2, 1, 0.9),

  rep("americas", "jessica.morales", NEW_YORK, "michael.johnson", "Michael Johnson", "Account Executive", "en", 3, 1, 1.02),
  rep("americas", "jessica.morales", NEW_YORK, "ashley.williams", "Ashley Williams", "Senior Account Executive", "en", 4, 1.05, 1.2),
  rep("americas", "jessica.morales", NEW_YORK, "tyler.brooks", "Tyler Brooks", "Account Executive", "en", 1, 0.95, 0.68),
  rep("americas", "jessica.morales", NEW_YORK, "brianna.carter", "Brianna Carter", "Account Executive", "en", 2, 1, 0.97),
  rep("americas", "jessica.morales", NEW_YORK, "jordan.miller", "Jordan Miller", "Account Executive", "en", 3, 1, 1.34),
  rep("americas", "jessica.morales", NEW_YORK, "megan.rodriguez", "Megan Rodriguez", "Account Executive", "en", 2, 0.9, 0.88, {
    timeZone: "America/Chicago", workdayStartMinute: 480, workdayEndMinute: 990,
  }),
  rep("americas", "jessica.morales", NEW_YORK, "brandon.lee", "Brandon Lee", "Senior Account Executive", "en", 4, 1.1, 1.08),
  rep("americas", "jessica.morales", NEW_YORK, "hannah.kim", "Hannah Kim", "Account Executive", "en", 1, 1, 0.8),
];
