/** What the autopilot tests share: the remembered Canada answer, and asking the desk for a draft. */
import type { RememberedAnswer } from '../../src/core/answers/record.js';
import type { Draft } from '../../src/core/model.js';
import { sms, type TestDesk } from './desk-harness.js';

/** "Do you ship to Canada?", remembered at `at`: a delivery question to Toronto is drafted from it. */
export function canadaAnswer(at: Date): RememberedAnswer {
  return {
    id: 'canada-a',
    language: 'en',
    intent: 'other',
    questions: ['Do you ship to Canada?'],
    text: 'Yes — 5 to 8 days, $12.',
    draftId: 'canada',
    customerId: 'c0',
    answeredAt: at,
    createdAt: at,
    updatedAt: at,
  };
}

/** An SMS from `from` through the desk; the newest pending draft once the desk has settled. */
export async function askForDraft(t: TestDesk, text: string, from: string): Promise<Draft> {
  await t.connector.intake().receive(sms(text, from));
  await t.desk.drain();
  return (await t.desk.store.listPendingDrafts()).at(-1)!;
}
