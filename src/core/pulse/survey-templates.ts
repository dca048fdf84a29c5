/**
 * The built-in surveys, written in English and Malay side by side. `Bilingual` makes both
 * languages compulsory here, so a template missing its Malay fails to compile.
 */
import { AppError } from "../errors.js";
import type { Locale } from "../i18n/locale.js";
import type { SurveyDefinition } from "./survey-definition.js";
import { validateSurvey } from "./validate-survey.js";

type Bilingual = Readonly<Record<Locale, string>>;

export type SurveyTemplateId = "enps" | "sales" | "weekly";

export interface SurveyTemplate {
  readonly id: SurveyTemplateId;
  readonly title: Bilingual;
  /** One line for the admin choosing a template. */
  readonly description: Bilingual;
  readonly questions: readonly TemplateQuestion[];
}

type TemplateQuestion =
  | { readonly kind: "enps" | "agreement" | "free_text"; readonly id: string; readonly prompt: Bilingual }
  | {
      readonly kind: "single_choice";
      readonly id: string;
      readonly prompt: Bilingual;
      readonly choices: readonly { readonly id: string; readonly label: Bilingual }[];
    };

const TEMPLATES: readonly SurveyTemplate[] = [
  {
    id: "enps",
    title: { en: "eNPS pulse", ms: "Tinjauan eNPS" },
    description: {
      en: "The eNPS question and three short questions on staying, recognition and growth, plus an optional comment.",
      ms: "Soalan eNPS dan tiga soalan ringkas tentang terus bekerja di sini, penghargaan dan peluang berkembang, serta komen pilihan.",
    },
    questions: [
      {
        kind: "enps",
        id: "enps",
        prompt: {
          en: "How likely are you to recommend working here to a friend?",
          ms: "Berapa besar kemungkinan anda mengesyorkan tempat ini sebagai tempat kerja kepada kawan?",
        },
      },
      {
        kind: "agreement",
        id: "see-myself-here",
        prompt: {
          en: "I see myself still working here a year from now.",
          ms: "Saya nampak diri saya masih bekerja di sini setahun lagi.",
        },
      },
      {
        kind: "agreement",
        id: "recognition",
        prompt: {
          en: "I get recognition when I do good work.",
          ms: "Saya dihargai apabila saya buat kerja yang baik.",
        },
      },
      {
        kind: "agreement",
        id: "growth",
        prompt: {
          en: "I have the chance to learn and grow here.",
          ms: "Saya berpeluang untuk belajar dan berkembang di sini.",
        },
      },
      {
        kind: "free_text",
        id: "one-thing",
        prompt: {
          en: "What is one thing we could do to make this a better place to work?",
          ms: "Apa satu perkara yang boleh kita buat supaya tempat ini jadi tempat kerja yang lebih baik?",
        },
      },
    ],
  },
  {
    id: "sales",
    title: { en: "Sales team pulse", ms: "Tinjauan pasukan jualan" },
    description: {
      en: "Workload, tools, how clear the commission plan is and support from your manager.",
      ms: "Beban kerja, alat kerja, sejauh mana pelan komisen difahami dan sokongan daripada pengurus.",
    },
    questions: [
      {
        kind: "agreement",
        id: "workload",
        prompt: { en: "My workload is manageable.", ms: "Beban kerja saya masih boleh diurus." },
      },
      {
        kind: "agreement",
        id: "tools",
        prompt: {
          en: "Our tools (the CRM and the rest) help me sell rather than slow me down.",
          ms: "Alat kerja kita (CRM dan yang lain) membantu saya menjual, bukan melambatkan saya.",
        },
      },
      {
        kind: "agreement",
        id: "comp-plan-clarity",
        prompt: {
          en: "I understand how my commission is calculated.",
          ms: "Saya faham bagaimana komisen saya dikira.",
        },
      },
      {
        kind: "agreement",
        id: "manager-support",
        prompt: {
          en: "My manager helps me win deals and hit my number.",
          ms: "Pengurus saya membantu saya menang deal dan capai sasaran.",
        },
      },
      {
        kind: "single_choice",
        id: "time-sink",
        prompt: { en: "Where do you lose the most selling time?", ms: "Masa jualan anda paling banyak habis di mana?" },
        choices: [
          { id: "admin", label: { en: "Admin and CRM updates", ms: "Kerja admin dan kemas kini CRM" } },
          { id: "meetings", label: { en: "Internal meetings", ms: "Mesyuarat dalaman" } },
          { id: "approvals", label: { en: "Waiting for approvals", ms: "Menunggu kelulusan" } },
          { id: "leads", label: { en: "Chasing poor leads", ms: "Mengejar lead yang kurang bagus" } },
          { id: "other", label: { en: "Something else", ms: "Lain-lain" } },
        ],
      },
      {
        kind: "free_text",
        id: "anything-else",
        prompt: { en: "Anything else we should know?", ms: "Ada apa-apa lagi yang kami patut tahu?" },
      },
    ],
  },
  {
    id: "weekly",
    title: { en: "Weekly check-in", ms: "Semakan mingguan" },
    description: {
      en: "One question, every week: how did the week go?",
      ms: "Satu soalan setiap minggu: bagaimana minggu anda?",
    },
    questions: [
      {
        kind: "agreement",
        id: "good-week",
        prompt: { en: "I had a good week at work.", ms: "Minggu ini berjalan baik untuk saya di tempat kerja." },
      },
    ],
  },
];

/** The built-in templates, in the order an admin is offered them. */
export function surveyTemplates(): readonly SurveyTemplate[] {
  return TEMPLATES;
}

/**
 * A ready survey from a template, in both languages; `locale` (the admin's) becomes the
 * survey's `defaultLocale`. Throws `not_found` for an unknown template id.
 */
export function surveyFromTemplate(id: string, locale: Locale): SurveyDefinition {
  const template = TEMPLATES.find((candidate) => candidate.id === id);
  if (template === undefined) {
    const known = TEMPLATES.map((candidate) => `"${candidate.id}"`).join(", ");
    throw new AppError("not_found", `There is no survey template "${id}"; the templates are ${known}.`, {
      field: "template",
      value: id,
    });
  }
  return validateSurvey({ title: template.title, defaultLocale: locale, questions: template.questions });
}
