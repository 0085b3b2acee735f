/**
 * Drafts exist in English and Chinese. A customer writing another language gets an English
 * draft; the card says so, so the owner knows to translate or edit before sending.
 */
import type { Draft } from '../core/model.js';
import { label, type OwnerLanguage } from './card-labels.js';

const TEMPLATE_LANGUAGES = ['en', 'zh'];

const primary = (tag: string) => tag.toLowerCase().split('-')[0] ?? '';

/** The note for the draft card, or undefined when the draft is in the customer's language. */
export function draftLanguageNote(
  lang: OwnerLanguage,
  draft: Pick<Draft, 'language' | 'origin'>,
  customerLanguage: string | undefined,
): string | undefined {
  if (draft.origin !== 'auto' || !customerLanguage || customerLanguage === 'und') return undefined;
  const wanted = primary(customerLanguage);
  if (TEMPLATE_LANGUAGES.includes(wanted) || primary(draft.language) === wanted) return undefined;
  let name = customerLanguage;
  try {
    name = new Intl.DisplayNames([lang], { type: 'language' }).of(wanted) ?? customerLanguage;
  } catch {
    /* an odd tag: show it as it is */
  }
  return label(lang, 'noTemplates', { language: name });
}
