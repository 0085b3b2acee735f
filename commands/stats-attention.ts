/** The attention section of `/cs stats`: acknowledgements sent, answered within due, overdue now. */
import type { AttentionFigures } from '../src/core/attention/figures.js';
import type { CommandReply } from './command.js';
import type { OwnerLanguage } from './stats-text.js';
import { OWNER_STRINGS } from '../src/core/owner-strings/index.js';

const TEXT = { en: OWNER_STRINGS.en.commands.statsAttention, zh: OWNER_STRINGS.zh.commands.statsAttention };

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
