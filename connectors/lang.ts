/**
 * Customers and owners read English or Chinese, chosen from a platform's language code
 * (Telegram's language_code, OWNER_LANGUAGE, a detected language): anything not Chinese is English.
 */
export type Lang = 'en' | 'zh';

export function pickLang(language: string | undefined): Lang {
  return language?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
