/**
 * Rendering messages: `t(locale, key, params)`. The English and Malay catalogues are checked
 * against one shape (`Catalogue`) at compile time.
 */
import type { Catalogue, MessageArgs, MessageKey, MessageParams } from "./catalogue.js";
import { formattersFor, type Formatters } from "./format.js";
import type { Locale } from "./locale.js";
import { en } from "./messages-en.js";
import { ms } from "./messages-ms.js";

export const catalogues: Readonly<Record<Locale, Catalogue>> = { en, ms };

// The compile-time check is the `Catalogue` annotation on `en` and `ms`: a key missing from
// either, an extra key, or a renderer taking the wrong parameters fails to compile.

/** Renders a message in a locale. Parameters are required exactly when the message takes some. */
export function t<K extends MessageKey>(locale: Locale, key: K, ...args: MessageArgs<K>): string {
  const renderer = catalogues[locale][key] as string | ((params: MessageParams[K], format: Formatters) => string);
  if (typeof renderer === "string") return renderer;
  return renderer((args[0] ?? {}) as MessageParams[K], formattersFor(locale));
}

/** "…and N more" under a list that was cut (renderers call this for `list` blocks). */
export function moreLabel(locale: Locale, count: number): string {
  return t(locale, "list.andMore", { count });
}
