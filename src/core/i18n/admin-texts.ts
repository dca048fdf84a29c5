/**
 * Rendering admin texts: `adminText(locale, key, params)`, checked against `AdminCatalogue` at
 * compile time like `answerText` and `digestText` are against theirs.
 */
import type { AdminArgs, AdminCatalogue, AdminKey, AdminParams } from "./admin-catalogue.js";
import { adminEn } from "./admin-messages-en.js";
import { adminMs } from "./admin-messages-ms.js";
import { formattersFor, type Formatters } from "./format.js";
import type { Locale } from "./locale.js";

export const adminCatalogues: Readonly<Record<Locale, AdminCatalogue>> = { en: adminEn, ms: adminMs };

export function adminText<K extends AdminKey>(locale: Locale, key: K, ...args: AdminArgs<K>): string {
  const renderer = adminCatalogues[locale][key] as string | ((params: AdminParams[K], format: Formatters) => string);
  if (typeof renderer === "string") return renderer;
  return renderer((args[0] ?? {}) as AdminParams[K], formattersFor(locale));
}
