/** The attention section of `/cs stats`: acknowledgements sent, answered within due, overdue now. */
import type { AttentionFigures } from '../src/core/attention/figures.js';
import type { CommandReply } from './command.js';
import type { OwnerLanguage } from './stats-text.js';
import { ownerStrings } from '../src/core/owner-strings/index.js';

export function attentionSection(f: AttentionFigures, lang: OwnerLanguage): CommandReply['sections'][number] {
  const t = ownerStrings(lang).commands.statsAttention;
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
