/**
 * `/cs learn` and `/cs answers`: a taught fact lands in the knowledge base the drafter already
 * searches and is used without a restart; remembered answers and facts are listed, edited and
 * forgotten.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createAnswerCommands } from '../../commands/answers.js';
import type { Command } from '../../commands/command.js';
import type { RememberedAnswer } from '../../src/core/answers/record.js';
import { createClassifier, createDrafter } from '../../src/nlp/index.js';
import { createFactBook } from '../../src/nlp/learned-facts.js';
import { createSqliteStore } from '../../src/store/sqlite/index.js';

const dir = mkdtempSync(join(tmpdir(), 'solodesk-learn-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const actor = { console: 'terminal', userId: 'owner' };
const run = (commands: Command[], line: string) => {
  const [name, ...args] = line.split(' ');
  return commands.find((c) => c.name === name)!.run(args, actor);
};
const at = new Date(Date.UTC(2026, 11, 3));
const answer: RememberedAnswer = {
  id: 'abcdef123456-d-a',
  language: 'en',
  intent: 'shipping',
  questions: ['Do you ship to Canada?'],
  text: 'Yes — 5 to 8 days, $12.',
  draftId: 'abcdef123456-d',
  customerId: 'c1',
  answeredAt: at,
  createdAt: at,
  updatedAt: at,
};

describe('/cs learn and /cs answers', () => {
  it('a taught fact is drafted from without a restart', async () => {
    const knowledge = join(dir, 'knowledge');
    const drafter = createDrafter({ knowledgeDir: knowledge });
    const classifier = createClassifier();
    const store = createSqliteStore({ file: ':memory:' });
    await store.migrate();
    const commands = createAnswerCommands({ answers: store, facts: createFactBook(knowledge) });
    const question = 'Do you deliver to Iceland, and how much does shipping to Iceland cost?';
    const draft = async () =>
      drafter.draft({
        text: question,
        classification: await classifier.classify(question),
        channel: 'webchat',
      });
    assert.doesNotMatch((await draft()).text, /Iceland/);

    const reply = await run(commands, 'learn Shipping to Iceland takes 6 to 9 days and costs $25.');
    assert.match(reply.title, /Learned/);
    // The drafter looks for changed files at most every 2 s.
    await new Promise((r) => setTimeout(r, 2100));
    const after = await draft();
    assert.match(after.text, /6 to 9 days and costs \$25/);
    assert.match(after.source, /^kb:fact-/);
    await store.close();
  });

  it('lists remembered answers and facts, edits and forgets them by id', async () => {
    const store = createSqliteStore({ file: ':memory:' });
    await store.migrate();
    const facts = createFactBook(join(dir, 'list'));
    const commands = createAnswerCommands({ answers: store, facts, language: 'en' });
    assert.match((await run(commands, 'answers')).text ?? '', /Nothing remembered yet/);
    await store.putAnswer(answer);
    await run(commands, 'learn 我们周日不营业。');
    const listed = await run(commands, 'answers');
    assert.equal(listed.title, 'Remembered answers (1) and facts (1)');
    const fields = listed.sections.flatMap((s) => s.fields);
    assert.match(fields[0]!.label, /^abcdef12 · en · Do you ship to Canada\?/);
    assert.match(fields[1]!.label, /^fact-.* · zh$/);

    assert.match((await run(commands, 'answers edit abcdef12 Yes — 5 to 8 days, $15.')).title, /Saved/);
    assert.equal((await store.getAnswer(answer.id))?.text, 'Yes — 5 to 8 days, $15.');
    // New words were never approved: an answer on autopilot is turned off by an edit.
    await store.putAnswer({ ...(await store.getAnswer(answer.id))!, autopilot: true });
    assert.match(
      (await run(commands, 'answers edit abcdef12 Yes — 5 to 8 days, $16.')).title,
      /Autopilot is off/,
    );
    assert.equal((await store.getAnswer(answer.id))?.autopilot, undefined);
    const factId = (await facts.list())[0]!.id;
    await run(commands, `answers edit ${factId} 我们周日和周一不营业。`);
    assert.equal((await facts.list())[0]?.text, '我们周日和周一不营业。');

    assert.match((await run(commands, 'answers forget abcdef12')).title, /Forgotten/);
    assert.match((await run(commands, `answers forget ${factId}`)).title, /Forgotten/);
    assert.match((await run(commands, 'answers forget nope')).title, /No answer or fact with id nope/);
    assert.equal((await store.listAnswers()).length, 0);
    assert.equal((await facts.list()).length, 0);
    assert.equal((await run(commands, 'answers edit')).usage, true);
    await store.close();
  });
});
