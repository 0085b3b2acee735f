/** Renders neutral cards as plain terminal text, with short numbers the owner types. */
import type { Card } from '../card.js';

export interface Handles {
  /** Short number for a record id, assigned on first sight. */
  number(kind: 'draft' | 'customer' | 'job', id: string): number;
}

const RULE = '─'.repeat(60);

export function renderCard(card: Card, handles: Handles): string {
  const lines: string[] = [];
  const customerNo = handles.number('customer', card.customerId);
  const tag =
    card.refs.draftId && (card.kind === 'draft' || card.actions.length > 0)
      ? ` [draft #${handles.number('draft', card.refs.draftId)}]`
      : card.refs.jobId && card.actions.some((a) => a.ref.action === 'retry' || a.ref.action === 'uncertain')
        ? ` [delivery #${handles.number('job', card.refs.jobId)}]`
        : '';
  if (card.kind === 'customer' || card.kind === 'inbound') lines.push(RULE);
  const bell = card.mention ? '🔔 ' : '';
  lines.push(
    `${bell}${card.icon} ${card.title}  (customer c${customerNo})${tag}${card.highlight ? '  ‼' : ''}`,
  );
  for (const c of card.context) lines.push(`   ${c}`);
  for (const f of card.fields) lines.push(`   ${f.label}: ${f.value}`);
  if (card.body) {
    for (const l of card.body.text.split('\n')) lines.push(`   │ ${l}`);
    if (card.body.truncated) lines.push(`   │ … (${card.body.length} characters in all)`);
  }
  for (const n of card.notes) lines.push(`   ⚠ ${n}`);
  for (const a of card.attachments) lines.push(`   📎 ${a.name} (${a.contentType}, ${a.size} B)`);
  const keys = card.actions.map((a) => actionHint(a.ref.action, card, handles)).filter(Boolean);
  if (card.sendVia && card.refs.draftId) {
    const via = card.sendVia.options.map((o) => o.ref.arg).join('|');
    keys.push(`v ${handles.number('draft', card.refs.draftId)} <${via}>`);
  }
  if (card.snooze) keys.push(`z c${customerNo} <1h|3h|tomorrow|nextweek|time>`);
  if (keys.length > 0) lines.push(`   → ${[...new Set(keys)].join('   ')}`);
  return lines.join('\n');
}

function actionHint(action: string, card: Card, handles: Handles): string {
  const d = card.refs.draftId ? handles.number('draft', card.refs.draftId) : undefined;
  const c = handles.number('customer', card.customerId);
  switch (action) {
    case 'send':
      return `s ${d}`;
    case 'edit':
      return `e ${d}`;
    case 'discard':
      return `d ${d}`;
    case 'resolve':
      return `r c${c}`;
    case 'reopen':
      return `o c${c}`;
    case 'call_back':
      return `cb c${c}`;
    case 'note':
      return `note c${c} …`;
    case 'tags':
      return `tags c${c} …`;
    case 'send_template':
      return `tp ${d}`;
    case 'retry':
      return card.refs.jobId ? `t ${handles.number('job', card.refs.jobId)}` : '';
    case 'uncertain':
      return card.refs.jobId
        ? `again ${handles.number('job', card.refs.jobId)}   arrived ${handles.number('job', card.refs.jobId)}`
        : '';
    case 'remember':
      return `k ${d}`;
    case 'cancel_auto':
      return `x ${d}`;
    case 'same_person':
      return `m cA c${c}`;
    case 'split': {
      // On a merge's pointer post the split acts on the survivor.
      const ref = card.actions.find((a) => a.ref.action === 'split')?.ref;
      return `split c${ref ? handles.number('customer', ref.id) : c} ADDRESS`;
    }
    case 'merge': {
      const ref = card.actions.find((a) => a.ref.action === 'merge')?.ref;
      return ref?.arg
        ? `m c${handles.number('customer', ref.id)} c${handles.number('customer', ref.arg)}`
        : '';
    }
    default:
      return '';
  }
}
