/**
 * The requested-channel gates (src/nlp/requested-channel/anchors.ts) skip a regex when the message
 * holds none of the words it declares it cannot match without. Two checks that skipping never
 * changes a reading: each declared list is proven from the regex's syntax tree, and the gated and
 * ungated readings are compared on every line of the team's data sets and probes.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { teamLines } from '../support/team-lines.js';
import { readRequest } from '../../src/nlp/requested-channel.js';
import { gates } from '../../src/nlp/requested-channel/anchors.js';
import {
  CHANNEL_NOUN_NEED,
  EN_BY_PLEASE,
  EN_BY_PLEASE_ALSO,
  EN_GENERIC,
  EN_MOVE,
  EN_MOVE_ALSO,
  EN_PP,
  EN_PREFER,
  EN_PREFER_ALSO,
  EN_PREFER_NEED,
  EN_RULES,
} from '../../src/nlp/requested-channel/en-rules.js';
import { EN_INDIRECT } from '../../src/nlp/requested-channel/en-indirect.js';
import { EN_IDIOMS } from '../../src/nlp/requested-channel/en-idioms.js';
import { EN_PEOPLE } from '../../src/nlp/requested-channel/en-people.js';
import {
  ZH_CUE_CHANNEL,
  ZH_CUE_CHANNEL_NEED,
  ZH_INDIRECT,
  ZH_NUMBER_AND_ASK,
  ZH_NUMBER_AND_ASK_NEED,
  ZH_PREFER,
  ZH_PREFER_NEED,
  ZH_RULES,
} from '../../src/nlp/requested-channel/zh-rules.js';
import { REGIONAL, ZH_REGIONAL } from '../../src/nlp/requested-channel/zh-regional.js';
import { anchorsCover } from './regex-anchors.js';

const FAMILIES = { EN_RULES, EN_INDIRECT, EN_IDIOMS, EN_PEOPLE, ZH_RULES, ZH_INDIRECT, ZH_REGIONAL };
const LOOSE: [string, RegExp, readonly string[]][] = [
  ['EN_GENERIC', EN_GENERIC, CHANNEL_NOUN_NEED],
  ['EN_BY_PLEASE', EN_BY_PLEASE, CHANNEL_NOUN_NEED],
  ['EN_MOVE', EN_MOVE, CHANNEL_NOUN_NEED],
  ['EN_PP', EN_PP, CHANNEL_NOUN_NEED],
  ['EN_PREFER', EN_PREFER, EN_PREFER_NEED],
  ['EN_PREFER also', EN_PREFER, EN_PREFER_ALSO],
  ['EN_BY_PLEASE also', EN_BY_PLEASE, EN_BY_PLEASE_ALSO],
  ['EN_MOVE also', EN_MOVE, EN_MOVE_ALSO],
  ['ZH_NUMBER_AND_ASK', ZH_NUMBER_AND_ASK, ZH_NUMBER_AND_ASK_NEED],
  ['ZH_PREFER', ZH_PREFER, ZH_PREFER_NEED],
  ['ZH_CUE_CHANNEL', ZH_CUE_CHANNEL, ZH_CUE_CHANNEL_NEED],
];

describe('requested-channel gates', () => {
  test('the analyser proves a true list and refuses a false one (so it can fail)', () => {
    assert.equal(anchorsCover(/\b(?:call|ring) (?:me|us)\b/gi, ['call', 'ring']), true);
    assert.equal(anchorsCover(/\b(?:call|ring) (?:me|us)\b/gi, ['call']), false);
    assert.equal(anchorsCover(/\be-?mail (?:me|us)\b/gi, ['email']), false);
    assert.equal(anchorsCover(/\be-?mail (?:me|us)\b/gi, ['mail']), true);
    assert.equal(anchorsCover(/(?:请|麻烦)?(邮件|短信)/g, ['邮', '短信']), true);
    assert.equal(anchorsCover(/(?:请|麻烦)?(邮件|短信)?/g, ['邮', '短信']), false);
    assert.equal(anchorsCover(/call(?=me)/gi, ['me']), false);
  });

  for (const [name, rules] of Object.entries(FAMILIES))
    test(`${name}: every rule's need is proven from its regex`, () => {
      rules.forEach((rule, i) => {
        if (rule.also)
          assert.ok(
            anchorsCover(rule.re, rule.also),
            `${name}[${i}] can match without ${rule.also.join('|')}`,
          );
      });
      rules.forEach((rule, i) =>
        assert.ok(
          anchorsCover(rule.re, rule.need),
          `${name}[${i}] /${rule.re.source}/ can match without ${rule.need.join('|')}`,
        ),
      );
    });

  test('the loose regexes: each need is proven', () => {
    for (const [name, re, need] of LOOSE)
      assert.ok(anchorsCover(re, need), `${name} can match without its need`);
  });

  test('the regional word map: each pass is proven to need one of its Han words', () => {
    for (const [re, , need] of REGIONAL) {
      assert.ok(
        need.length && need.every((w) => /^\p{Script=Han}+$/u.test(w)),
        `/${re.source}/: Han words only`,
      );
      assert.ok(anchorsCover(re, need), `/${re.source}/ can match without ${need.join('|')}`);
    }
  });

  test('gated and ungated readings are equal on every team and probe line', () => {
    const lines = teamLines();
    assert.ok(lines.length > 5000, `only ${lines.length} lines`);
    let requests = 0;
    for (const text of lines)
      for (const origin of [undefined, 'email'] as const) {
        gates.on = false;
        const plain = readRequest(text, origin);
        gates.on = true;
        const fast = readRequest(text, origin);
        assert.deepEqual(fast, plain, text);
        if (plain.channel !== 'none' || plain.documentByEmail) requests++;
      }
    // the comparison covers asks, not only messages that ask for nothing
    assert.ok(requests > 500, `only ${requests} readings with a request`);
  });
});
