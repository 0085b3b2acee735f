/**
 * The owner-facing strings (OWNER_LANGUAGE), one table per language. Modules read their section:
 * `ownerStrings(lang).card.labels.send`, and fill `{name}` placeholders with `fillOwner`.
 */
import { fillTemplate } from '../template.js';
import { EN } from './en.js';
import type { OwnerStrings } from './shape.js';
import { ZH } from './zh.js';

export type { OwnerStrings } from './shape.js';
export type OwnerLanguage = 'en' | 'zh';

export const OWNER_STRINGS: Readonly<Record<OwnerLanguage, OwnerStrings>> = { en: EN, zh: ZH };

/** The table of a language; anything but 'zh' reads English (the default OWNER_LANGUAGE). */
export function ownerStrings(lang: string | undefined): OwnerStrings {
  return lang === 'zh' ? ZH : EN;
}

/** A text with its `{name}` placeholders filled in (unknown names stay as written). */
export function fillOwner(text: string, vars: Readonly<Record<string, string | number>> = {}): string {
  return fillTemplate(text, vars);
}

/** One text in both languages, for what carries both (a command's summary in /cs help). */
export function inBothLanguages(pick: (strings: OwnerStrings) => string): { en: string; zh: string } {
  return { en: pick(EN), zh: pick(ZH) };
}
