/**
 * Language identification: script first (Han → zh, kana → ja, Hangul → ko, …), then a small
 * English function-word check (franc is unreliable on short English), then franc for the rest.
 * Short or ambiguous text falls back to the customer's last known language.
 */
import { franc } from 'franc';
import { latinScores } from './latin-words.js';

/** ISO 639-3 (franc) → ISO 639-1 (BCP-47 primary tag) for the languages franc reports most. */
const ISO3_TO_1: Record<string, string> = {
  eng: 'en',
  cmn: 'zh',
  zho: 'zh',
  spa: 'es',
  fra: 'fr',
  deu: 'de',
  ita: 'it',
  por: 'pt',
  nld: 'nl',
  rus: 'ru',
  ukr: 'uk',
  pol: 'pl',
  ces: 'cs',
  slk: 'sk',
  ron: 'ro',
  hun: 'hu',
  swe: 'sv',
  dan: 'da',
  nob: 'nb',
  nno: 'nn',
  fin: 'fi',
  est: 'et',
  lav: 'lv',
  lit: 'lt',
  tur: 'tr',
  ell: 'el',
  bul: 'bg',
  srp: 'sr',
  hrv: 'hr',
  bos: 'bs',
  slv: 'sl',
  jpn: 'ja',
  kor: 'ko',
  vie: 'vi',
  tha: 'th',
  ind: 'id',
  zlm: 'ms',
  msa: 'ms',
  tgl: 'tl',
  arb: 'ar',
  ara: 'ar',
  pes: 'fa',
  fas: 'fa',
  heb: 'he',
  hin: 'hi',
  ben: 'bn',
  urd: 'ur',
  tam: 'ta',
  tel: 'te',
  mar: 'mr',
  guj: 'gu',
  kan: 'kn',
  mal: 'ml',
  pan: 'pa',
  swh: 'sw',
  afr: 'af',
  cat: 'ca',
  glg: 'gl',
  eus: 'eu',
  isl: 'is',
  gle: 'ga',
  cym: 'cy',
  yue: 'zh',
};

const ISO1_TO_3: Record<string, string> = {
  en: 'eng',
  es: 'spa',
  fr: 'fra',
  de: 'deu',
  pt: 'por',
  it: 'ita',
  nl: 'nld',
};
/** The Latin-script languages franc picks among for short text. */
const SHORT_TEXT_LANGUAGES = Object.values(ISO1_TO_3);

/** Languages franc may answer: the widely written ones (fewer look-alikes such as sco/src for English). */
const FRANC_ONLY = Object.keys(ISO3_TO_1).filter((c) => !['cmn', 'zho', 'yue', 'jpn', 'kor'].includes(c));

// Frequent English words that are rare as whole words in other Latin-script languages, plus
// the vocabulary of support messages (franc misreads short English such as "Five stars, great
// experience." as Romanian).
const EN_WORDS = new Set(
  (
    'the a an and or but is are was were be been am i you he she it we they me my your our their this that ' +
    'these those to of in on for with at by from up about into over after not no yes do does did have has had ' +
    "can could will would should may might must please thanks thank hi hello hey dear can't don't won't " +
    "i'm it's what's isn't doesn't didn't haven't hasn't wasn't aren't couldn't wouldn't i've i'll you're " +
    'what when where why how who which order refund money account help need want get got just ' +
    'still yet there here if so as any some all us call email text back send sent received ' +
    'great good love thanks service experience stars star quick fast reply update work working broken ' +
    'policy return returns plan cheapest price cost free shipping delivery package parcel tracking ' +
    'online booking form submitting website app login password payment charged card invoice ' +
    'cancel change size color colour stock available new old today tomorrow week day time ' +
    'customer support team store shop product item items problem issue error crash crashes ' +
    // Chat and SMS English (franc read "oops wrong number sorry!" as Swedish). Not "ok", "lol",
    // "thx": alone they are as likely from a Chinese customer, whose language then stands.
    'oops sorry wrong number im dont cant cheers ' +
    'every hour hours keeps keep let save out really very much never always again because should ' +
    'review reviews favourite favorite shady late running without'
  ).split(' '),
);

export const SCRIPTS: [RegExp, string][] = [
  [/[\u3040-\u30ff]/g, 'ja'],
  [/[\uac00-\ud7af\u1100-\u11ff]/g, 'ko'],
  [/\p{Script=Han}/gu, 'zh'],
  [/\p{Script=Cyrillic}/gu, 'ru'],
  [/\p{Script=Arabic}/gu, 'ar'],
  [/\p{Script=Hebrew}/gu, 'he'],
  [/\p{Script=Thai}/gu, 'th'],
  [/\p{Script=Greek}/gu, 'el'],
  [/\p{Script=Devanagari}/gu, 'hi'],
];

/**
 * Where the scripts of SCRIPTS other than Han lie, as a few merged ranges of code points (derived
 * from the regexes; language-fast.test.ts checks every code point of every script against it).
 */
export const OTHER_SCRIPTS =
  // eslint-disable-next-line no-misleading-character-class -- code point ranges: no combined character is meant
  /[\u0370-\u097f\u0e01-\u0e5b\u1100-\u11ff\u1c80-\u1dbf\u1f00-\u1ffe\u2126\u2de0-\u2dff\u3040-\u30ff\ua640-\ua69f\ua8e0-\ua8ff\uab65-\ud7af\ufb1d-\ufefc\u{10140}-\u{101a0}\u{10e60}-\u{10eff}\u{11b00}-\u{11b09}\u{1d200}-\u{1d245}\u{1e030}-\u{1e08f}\u{1ee00}-\u{1eef1}]/u;

export interface LanguageGuess {
  language: string;
  /** How it was decided, for debugging and tests. */
  by: 'script' | 'english-words' | 'words' | 'franc' | 'fallback';
}

export function detectLanguage(text: string, fallback?: string): LanguageGuess {
  const fb = fallback && fallback !== 'und' ? fallback : 'und';
  const latinWords = text.match(/[A-Za-z\u00c0-\u024f']+/g) ?? [];
  let letters = 0;
  for (const w of latinWords) letters += w.length;

  // Script counts: Han beats Latin when it carries a fair share of the letters (mixed zh/en is zh).
  // Every script below starts at U+0370 or later (language-fast.test.ts checks each): text with no
  // character from there on (English, most Latin text) has none of them and skips the nine scans,
  // and text with none of OTHER_SCRIPTS (Chinese) skips the eight that are not Han.
  const beyondLatin = /[\u0370-\uffff]/.test(text);
  const others = beyondLatin && OTHER_SCRIPTS.test(text);
  let bestScript: { lang: string; n: number } | undefined;
  for (const [re, lang] of SCRIPTS) {
    if (lang === 'zh' ? !beyondLatin : !others) continue;
    const n = text.match(re)?.length ?? 0;
    if (n && (!bestScript || n > bestScript.n)) bestScript = { lang, n };
  }
  if (bestScript) {
    // Japanese text mixes kanji and kana: any kana means Japanese.
    const kana = text.match(/[\u3040-\u30ff]/g)?.length ?? 0;
    const lang = kana >= 2 ? 'ja' : bestScript.lang;
    // A CJK character carries about as much as a short word; compare against Latin words.
    if (bestScript.n * 2 >= latinWords.length) return { language: lang, by: 'script' };
  }
  if (letters === 0) return { language: fb, by: 'fallback' };

  const lower = latinWords.map((w) => w.toLowerCase());
  let en = 0;
  for (const w of lower) if (EN_WORDS.has(w)) en++;
  // Function words and letters of the other common languages: what tells short French from
  // Portuguese when franc's trigrams cannot (see latin-words.ts).
  const scores = latinScores(lower, text);
  const ranked = Object.entries(scores).sort((a, b) => b[1] - a[1]);
  const [top, second] = ranked;
  if (top && top[1] > en && top[1] > (second?.[1] ?? 0) && (top[1] >= 2 || (en === 0 && lower.length <= 4)))
    return { language: top[0], by: 'words' };
  if (en >= 2 && en / lower.length >= 0.2) return { language: 'en', by: 'english-words' };
  // Plain ASCII with an English word in it is English far more often than not on this desk.
  if (en >= 1 && en / lower.length >= 0.15 && /^[\x20-\x7e\s]*$/.test(text))
    return { language: 'en', by: 'english-words' };
  if (lower.length <= 3) {
    if (en >= 1) return { language: 'en', by: 'english-words' };
    return { language: fb === 'und' && /^[\x20-\x7e]*$/.test(text) ? 'en' : fb, by: 'fallback' };
  }
  // Short text: franc chooses among the languages this desk mostly sees (its guesses among all of
  // them are noise under ~40 letters), the tied candidates first when the words were a draw.
  const tied = top && second && top[1] === second[1] ? ranked.filter((r) => r[1] === top[1]) : [];
  const only = tied.length
    ? tied.map(([l]) => ISO1_TO_3[l] ?? l)
    : letters < 40
      ? SHORT_TEXT_LANGUAGES
      : FRANC_ONLY;
  const code = franc(text, { minLength: 3, only });
  const lang = ISO3_TO_1[code];
  if (lang) return { language: lang, by: 'franc' };
  if (en >= 1) return { language: 'en', by: 'english-words' };
  return { language: fb, by: 'fallback' };
}
