/**
 * The language of the library's learner-facing text: checker feedback
 * (check.*), the loss quiz, and the default titles and axis labels of the
 * figure builders. English is the default; a Chinese notebook's first code
 * cell calls `setLanguage("zh-Hans")`.
 *
 * The setting lives on globalThis (like show()'s state), so every cell of a
 * tslab session, and every copy of this module loaded through another path,
 * sees the same language.
 *
 * Each message is written once, where it is used, as a pair
 * `say({ en: "…", zh: "…" })`: the English and the Chinese side by side, so
 * neither can be added without the other (test/language.test.ts checks that
 * every English sentence of src/exercises has its Chinese pair).
 */

import { LossbookError } from "../errors";

/** The languages the library speaks: English and Simplified Chinese. */
export const LANGUAGES = ["en", "zh-Hans"] as const;
export type Language = (typeof LANGUAGES)[number];

/** One message in every language the library speaks. */
export interface Localized {
  readonly en: string;
  readonly zh: string;
}

interface LanguageState {
  language: Language;
}
const STATE_KEY = Symbol.for("lossbook.language");

function languageState(): LanguageState {
  const holder = globalThis as unknown as Record<symbol, LanguageState | undefined>;
  return (holder[STATE_KEY] ??= { language: "en" });
}

/**
 * Sets the language of checker feedback and default plot labels for the rest
 * of the session: "en" (the default) or "zh-Hans" (also accepted: "zh", "zh-CN").
 * Returns nothing, so that a notebook cell ending in this call prints nothing.
 */
export function setLanguage(language: string): void {
  const normalized = normalizeLanguage(language);
  if (normalized === undefined) {
    throw new LossbookError("language", `must be "en" or "zh-Hans" (the language of checker feedback and plot labels), got ${JSON.stringify(language)}`);
  }
  languageState().language = normalized;
}

/** The language set by {@link setLanguage} ("en" until it is called). */
export function currentLanguage(): Language {
  return languageState().language;
}

/** "en", "zh-Hans" (or "zh", "zh-CN", "zh-Hans-CN", any case) as a Language; undefined for anything else. */
export function normalizeLanguage(language: unknown): Language | undefined {
  if (typeof language !== "string") return undefined;
  const lower = language.trim().toLowerCase();
  if (lower === "en" || lower.startsWith("en-")) return "en";
  if (lower === "zh" || lower === "zh-hans" || lower === "zh-cn" || lower.startsWith("zh-hans-") || lower === "zh-sg") return "zh-Hans";
  return undefined;
}

/** The message in the current language. */
export function say(message: Localized): string {
  return sayIn(message, currentLanguage());
}

/** The message in a given language (for text made outside a session, e.g. a translated notebook's stored outputs). */
export function sayIn(message: Localized, language: Language): string {
  return language === "zh-Hans" ? message.zh : message.en;
}
