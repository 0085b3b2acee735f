/**
 * The owner-facing strings (src/core/owner-strings): the Chinese table has every key of the
 * English one and nothing else (TypeScript checks the shape too; this also catches a cast), no
 * text is empty, both languages use the same {placeholders}, and no Chinese text is plain
 * English left untranslated (only product and platform names may stay in Latin letters).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OWNER_STRINGS, fillOwner, ownerStrings } from '../../src/core/owner-strings/index.js';

type Tree = { readonly [key: string]: Tree | string } | readonly (Tree | string)[];

/** Every leaf of a table, by its dotted key path. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [p, v] of leaves(value, path)) out.set(p, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();

/** Names that are the same in Chinese (platforms, products, codes the owner types). */
const LATIN_NAMES = new Set([
  'Slack',
  'WhatsApp',
  'SMS',
  'Messenger',
  'Instagram',
  'Telegram',
  'Discord',
  'VIP',
  'solodesk',
]);

/** Placeholders only English needs (plural words Chinese does not inflect), by key path. */
const ENGLISH_ONLY: Readonly<Record<string, readonly string[]>> = {
  'card.labels.countsValue': ['conversations'],
};

const en = leaves(OWNER_STRINGS.en as unknown as Tree);
const zh = leaves(OWNER_STRINGS.zh as unknown as Tree);

describe('owner strings', () => {
  it('has a good number of keys (the tables are really read)', () => {
    assert.ok(en.size > 50, `only ${en.size} keys`);
  });

  it('has every key in both languages and no extra one', () => {
    assert.deepEqual(
      [...en.keys()].filter((k) => !zh.has(k)),
      [],
      'keys missing in zh',
    );
    assert.deepEqual(
      [...zh.keys()].filter((k) => !en.has(k)),
      [],
      'keys missing in en',
    );
  });

  it('has no empty text', () => {
    for (const [table, name] of [
      [en, 'en'],
      [zh, 'zh'],
    ] as const) {
      for (const [key, value] of table) assert.ok(value.trim() !== '', `${name}.${key} is empty`);
    }
  });

  it('uses the same {placeholders} in both languages', () => {
    for (const [key, text] of en) {
      const expected = placeholders(text).filter((p) => !ENGLISH_ONLY[key]?.includes(p));
      assert.deepEqual(placeholders(zh.get(key) ?? ''), expected, `placeholders of ${key}`);
    }
  });

  it('has no Chinese text that is English left untranslated', () => {
    for (const [key, text] of zh) {
      // Only Latin letters (and spaces, punctuation, digits, emoji): English unless it is a name.
      if (/\p{Script=Han}/u.test(text)) continue;
      const words = text.match(/[A-Za-z][A-Za-z-]*/g) ?? [];
      // Single letters are symbols (the article's E = C × T × P), not words.
      const english = words.filter(
        (w) => w.length > 1 && !LATIN_NAMES.has(w) && !placeholders(text).includes(w),
      );
      assert.deepEqual(english, [], `zh.${key} looks untranslated: ${JSON.stringify(text)}`);
    }
  });

  it('reads English for anything but zh and fills placeholders', () => {
    assert.equal(ownerStrings('zh'), OWNER_STRINGS.zh);
    assert.equal(ownerStrings(undefined), OWNER_STRINGS.en);
    assert.equal(ownerStrings('fr'), OWNER_STRINGS.en);
    assert.equal(fillOwner('{a} and {b}', { a: 1 }), '1 and {b}');
  });
});
