/** The attention section of `/cs stats`: acknowledgements sent, answered within due, overdue now. */
import type { AttentionFigures } from '../src/core/attention/figures.js';
import type { CommandReply } from './command.js';
import type { OwnerLanguage } from './stats-text.js';

const TEXT = {
  en: {
    heading: 'Attention',
    acks: 'Acknowledgements sent',
    inDue: 'Answered within due',
    overdue: 'Overdue now',
  },
  zh: { heading: '响应', acks: '自动确认已发送', inDue: '按时回复', overdue: '当前超时' },
} as const;

export function attentionSection(f: AttentionFigures, lang: OwnerLanguage): CommandReply['sections'][number] {
  const t = TEXT[lang];
  return {
    heading: t.heading,
    fields: [
      { label: t.acks, value: String(f.acksSent) },
      {
        label: t.inDue,
        value: f.inDueShare === undefined ? '—' : `${f.inDueShare}% (${f.answeredInDue}/${f.answered})`,
      },
      { label: t.overdue, value: String(f.overdueNow) },
    ],
  };
}
