/**
 * What a card shows of an uncertain delivery (src/core/outbox-uncertain.ts): the one neutral
 * notice and the owner's two answers, the same on the delivery card and on the decided draft.
 */
import type { OutboxJob } from '../core/model.js';
import type { CardButton } from './card-model.js';
import { label, type OwnerLanguage } from './card-labels.js';
import { button } from './card-parts.js';

export function isUncertain(job: OutboxJob | undefined): boolean {
  return job?.status === 'uncertain';
}

export function uncertainNotice(lang: OwnerLanguage): string {
  return label(lang, 'uncertainNotice');
}

export function uncertainButtons(lang: OwnerLanguage, job: OutboxJob): CardButton[] {
  return [
    button(lang, 'sendAgain', { action: 'uncertain', id: job.id, arg: 'resend' }, 'primary'),
    button(lang, 'itArrived', { action: 'uncertain', id: job.id, arg: 'arrived' }),
  ];
}
