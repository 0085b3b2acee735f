/**
 * Neutral cards → Slack Block Kit, always inside the limits of PLATFORMS.md §1.7:
 * section text ≤3000, fields ≤10 × ≤2000, button text ≤75, ≤50 blocks, modal title ≤24,
 * private_metadata ≤3000, plain_text_input ≤3000. Every card string may carry customer text,
 * so cards are drawn in plain_text wherever no link is needed, and the rest goes through
 * escape.ts: nothing a customer writes can become a Slack mention (<!channel>), a link or
 * formatting.
 */
import type { types } from '@slack/bolt';
import type { CommandReply } from '../../../commands/command.js';
import { cutText, type Card, type CardButton, type OwnerLanguage } from '../card.js';
import { inertMrkdwn } from './escape.js';
import { slackLabel } from './slack-labels.js';
import { snoozeSelect } from './snooze.js';

type KnownBlock = types.KnownBlock;
type ModalView = types.ModalView;

export const LIMITS = {
  sectionText: 3000,
  field: 2000,
  fields: 10,
  buttonText: 75,
  optionText: 75,
  blocks: 50,
  modalBlocks: 100,
  modalTitle: 24,
  input: 3000,
  privateMetadata: 3000,
  contextElements: 10,
  header: 150,
  /** Slack truncates `text` at 40k; notifications only need a line. */
  fallback: 3000,
  /** A view must stay under 250 kB; keep a margin for the JSON around the text. */
  viewBytes: 200_000,
} as const;

export const EDIT_CALLBACK = 'sd_edit';
export const SEND_VIA_ACTION = 'sd_send_via';

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return cutText(text, max - 1).text + '…';
}

function plain(text: string, max: number = LIMITS.sectionText) {
  return { type: 'plain_text' as const, text: clip(text || ' ', max), emoji: true };
}

function mrkdwn(text: string, max: number = LIMITS.sectionText) {
  return { type: 'mrkdwn' as const, text: clip(text || ' ', max) };
}

function slackButton(b: CardButton) {
  return {
    type: 'button' as const,
    text: plain(b.label, LIMITS.buttonText),
    action_id: b.actionId,
    ...(b.style ? { style: b.style } : {}),
  };
}

function fmtSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Slack rejects a message whose blocks carry ~13.2k characters in all (msg_blocks_too_long). */
export const MESSAGE_TEXT_BUDGET = 11_500;

type TextObj = { type: 'plain_text' | 'mrkdwn'; text: string };

function textsOf(block: KnownBlock): TextObj[] {
  const b = block as { type: string; text?: TextObj; fields?: TextObj[]; elements?: unknown[] };
  if (b.type === 'section') return [...(b.text ? [b.text] : []), ...(b.fields ?? [])];
  if (b.type === 'header' && b.text) return [b.text];
  if (b.type === 'context')
    return (b.elements ?? []).filter((e): e is TextObj => typeof (e as TextObj).text === 'string');
  return [];
}

function totalText(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + totalText(v), 0);
  const o = value as Record<string, unknown>;
  const own =
    (o.type === 'plain_text' || o.type === 'mrkdwn') && typeof o.text === 'string' ? o.text.length : 0;
  return (
    own +
    Object.entries(o).reduce((n, [k, v]) => (k === 'text' && typeof v === 'string' ? n : n + totalText(v)), 0)
  );
}

/**
 * Keeps all text of a message under the budget: texts are kept in order and the one that
 * crosses the line is clipped; blocks after it are dropped. Actions blocks always stay.
 */
export function fitBudget(blocks: KnownBlock[], budget: number = MESSAGE_TEXT_BUDGET): KnownBlock[] {
  let left = budget - blocks.filter((b) => b.type === 'actions').reduce((n, b) => n + totalText(b), 0);
  const out: KnownBlock[] = [];
  for (const block of blocks) {
    if (block.type === 'actions') {
      out.push(block);
      continue;
    }
    const texts = textsOf(block);
    if (left <= texts.length) continue;
    for (const t of texts) {
      const room = Math.max(1, left - (texts.length - 1));
      if (t.text.length > room) t.text = clip(t.text, room);
      left -= t.text.length;
    }
    out.push(block);
  }
  return out;
}

export interface RenderedMessage {
  text: string;
  blocks: KnownBlock[];
}

/**
 * `uploaded` names attachments the console uploads into the thread itself; the rest are
 * listed (as links when the platform hosts them).
 */
export function renderCard(
  card: Card,
  lang: OwnerLanguage,
  uploaded: ReadonlySet<string> = new Set(),
): RenderedMessage {
  const blocks: KnownBlock[] = [];
  // Title, context, fields and notes may all carry customer text: plain_text, never parsed.
  blocks.push({ type: 'section', text: plain(`${card.icon} ${card.title}`) });
  const context: (ReturnType<typeof plain> | ReturnType<typeof mrkdwn>)[] = card.context
    .slice(0, LIMITS.contextElements - (card.link ? 1 : 0))
    .map((line) => plain(line, 2000));
  // The link's url is Slack's own permalink and its label ours: safe as mrkdwn.
  if (card.link) context.push(mrkdwn(`<${card.link.url}|${card.link.label}>`, 2000));
  if (context.length) blocks.push({ type: 'context', elements: context });
  for (let i = 0; i < card.fields.length; i += LIMITS.fields) {
    const fields = card.fields
      .slice(i, i + LIMITS.fields)
      .map((f) => plain(`${f.label}\n${f.value}`, LIMITS.field));
    blocks.push({ type: 'section', fields });
  }
  if (card.body) blocks.push({ type: 'section', text: plain(card.body.text) });
  for (const note of card.notes) blocks.push({ type: 'section', text: plain(`⚠️ ${note}`) });

  const listed = card.attachments.filter((a) => !uploaded.has(a.name));
  if (listed.length) {
    const items = listed.slice(0, LIMITS.contextElements).map((a) => {
      // A link needs mrkdwn: the name and content type (both the sender's) are made inert.
      const name = inertMrkdwn(`${a.name} (${a.contentType}, ${fmtSize(a.size)})`);
      const safeUrl = a.url && /^https?:\/\//.test(a.url) && !/[<>|\s]/.test(a.url) ? a.url : undefined;
      return mrkdwn(`📎 ${safeUrl ? `<${safeUrl}|${name}>` : name}`, 2000);
    });
    blocks.push({ type: 'context', elements: items });
  }

  const elements: NonNullable<Extract<KnownBlock, { type: 'actions' }>['elements']> =
    card.actions.map(slackButton);
  if (card.body?.showFull) elements.push(slackButton(card.body.showFull));
  if (card.sendVia && card.sendVia.options.length) {
    elements.push({
      type: 'static_select',
      action_id: SEND_VIA_ACTION,
      placeholder: plain(card.sendVia.label, 150),
      options: card.sendVia.options
        .slice(0, 100)
        .map((o) => ({ text: plain(o.label, LIMITS.optionText), value: o.actionId })),
      confirm: {
        title: plain(slackLabel(lang, 'confirmViaTitle'), 100),
        text: plain(slackLabel(lang, 'confirmViaText'), 300),
        confirm: plain(slackLabel(lang, 'confirmYes'), 30),
        deny: plain(slackLabel(lang, 'confirmNo'), 30),
      },
    });
  }
  if (card.snooze) elements.push(snoozeSelect(card.snooze));
  if (elements.length) blocks.push({ type: 'actions', elements: elements.slice(0, 25) });
  return {
    text: fallbackText(card.fallback),
    blocks: fitBudget(blocks.slice(0, LIMITS.blocks)),
  };
}

/**
 * The message's top-level `text` (notifications, screen readers) is always parsed as
 * mrkdwn, mentions included, so it is made inert like any other customer text.
 */
function fallbackText(text: string): string {
  return clip(inertMrkdwn(text), LIMITS.fallback);
}

/**
 * Splits a draft for the Edit modal into boxes of ≤3000 characters, breaking at a newline
 * or space when it can. `seps` remembers the character dropped at each break, so joining
 * rebuilds the draft exactly.
 */
export function splitForInputs(
  text: string,
  max: number = LIMITS.input,
): { parts: string[]; seps: string[] } {
  const parts: string[] = [];
  const seps: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = window.lastIndexOf('\n');
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 2) {
      const hard = cutText(rest, max).text.length;
      parts.push(rest.slice(0, hard));
      seps.push('');
      rest = rest.slice(hard);
      continue;
    }
    parts.push(rest.slice(0, cut));
    seps.push(rest[cut] ?? '');
    rest = rest.slice(cut + 1);
  }
  parts.push(rest);
  return { parts, seps };
}

export function joinInputs(parts: string[], seps: string[]): string {
  return parts.reduce((acc, part, i) => (i === 0 ? part : acc + (seps[i - 1] ?? '\n') + part), '');
}

/** At most this many boxes (≈60k characters); the core caps replies at 20k anyway. */
const MAX_PARTS = 20;

export interface EditMetadata {
  /** Draft id. */
  d: string;
  /** Separators between the boxes. */
  s: string[];
}

export function editModal(
  draft: { id: string; text: string; channelName: string },
  lang: OwnerLanguage,
): ModalView {
  const split = splitForInputs(draft.text);
  const parts = split.parts.slice(0, MAX_PARTS);
  const meta: EditMetadata = { d: draft.id, s: split.seps.slice(0, parts.length - 1) };
  const notes = [slackLabel(lang, 'editChannel', { channel: draft.channelName })];
  if (parts.length > 1)
    notes.push(slackLabel(lang, 'longDraft', { n: draft.text.length, parts: parts.length }));
  const blocks: KnownBlock[] = [{ type: 'context', elements: notes.map((n) => plain(n, 2000)) }];
  parts.forEach((part, i) => {
    blocks.push({
      type: 'input',
      block_id: `part_${i}`,
      optional: i > 0,
      label: plain(
        parts.length > 1
          ? slackLabel(lang, 'part', { i: i + 1, n: parts.length })
          : slackLabel(lang, 'reply'),
        2000,
      ),
      element: {
        type: 'plain_text_input',
        action_id: 'text',
        multiline: true,
        max_length: LIMITS.input,
        ...(part ? { initial_value: part } : {}),
      },
    });
  });
  const privateMetadata = JSON.stringify(meta);
  if (privateMetadata.length > LIMITS.privateMetadata) throw new Error('edit modal metadata too long');
  return {
    type: 'modal',
    callback_id: EDIT_CALLBACK,
    private_metadata: privateMetadata,
    title: plain(slackLabel(lang, 'editTitle'), LIMITS.modalTitle),
    submit: plain(slackLabel(lang, 'sendSubmit'), LIMITS.modalTitle),
    close: plain(slackLabel(lang, 'cancel'), LIMITS.modalTitle),
    blocks,
  };
}

/** Reads the edited text back out of a view_submission's state. */
export function editedText(
  values: Record<string, Record<string, { value?: string | null }>>,
  metadata: string,
): { draftId: string; text: string } | undefined {
  let meta: EditMetadata;
  try {
    meta = JSON.parse(metadata) as EditMetadata;
  } catch {
    return undefined;
  }
  if (typeof meta?.d !== 'string' || !Array.isArray(meta.s)) return undefined;
  const parts: string[] = [];
  for (let i = 0; i <= meta.s.length; i += 1) parts.push(values[`part_${i}`]?.text?.value ?? '');
  return { draftId: meta.d, text: joinInputs(parts, meta.s) };
}

/** "Show in full": the whole text in plain sections, cut only where a view would grow past its size limit. */
export function fullTextModal(title: string, text: string, lang: OwnerLanguage): ModalView {
  const blocks: KnownBlock[] = [];
  let bytes = 0;
  let rest = text || ' ';
  while (rest.length && blocks.length < LIMITS.modalBlocks - 2) {
    const chunk = cutText(rest, LIMITS.sectionText).text;
    bytes += Buffer.byteLength(JSON.stringify(chunk));
    if (bytes > LIMITS.viewBytes) break;
    blocks.push({ type: 'section', text: plain(chunk) });
    rest = rest.slice(chunk.length);
  }
  if (rest.length)
    blocks.push({ type: 'context', elements: [mrkdwn(slackLabel(lang, 'cutModal', { n: text.length }))] });
  return {
    type: 'modal',
    title: plain(title || slackLabel(lang, 'fullTitle'), LIMITS.modalTitle),
    close: plain(slackLabel(lang, 'close'), LIMITS.modalTitle),
    blocks,
  };
}

/**
 * A command field: plain text, or — when the console found the customer's thread — mrkdwn
 * with the label as the link and every customer string made inert.
 */
function commandField(f: { label: string; value: string; link?: string }) {
  const safe = f.link && /^https?:\/\//.test(f.link) && !/[<>|\s]/.test(f.link) ? f.link : undefined;
  if (!safe) return plain(`${f.label}\n${f.value}`, LIMITS.field);
  return mrkdwn(`<${safe}|${inertMrkdwn(f.label)}>\n${inertMrkdwn(f.value)}`, LIMITS.field);
}

/** A neutral command reply as ephemeral Block Kit. */
export function renderCommandReply(reply: CommandReply): RenderedMessage {
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(reply.title, LIMITS.header) }];
  for (const section of reply.sections) {
    if (blocks.length >= LIMITS.blocks - 2) break;
    if (section.heading) blocks.push({ type: 'section', text: plain(section.heading) });
    for (let i = 0; i < section.fields.length && blocks.length < LIMITS.blocks - 1; i += LIMITS.fields) {
      blocks.push({
        type: 'section',
        fields: section.fields.slice(i, i + LIMITS.fields).map((f) => commandField(f)),
      });
    }
  }
  if (reply.text) blocks.push({ type: 'section', text: plain(reply.text) });
  if (reply.confirm)
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: 'sd_confirm',
          text: plain(reply.confirm.label, 75),
          value: JSON.stringify({ c: reply.confirm.command, a: reply.confirm.args }),
          ...(reply.confirm.style ? { style: reply.confirm.style } : {}),
        },
      ],
    });
  const lines = [
    reply.title,
    ...reply.sections.flatMap((s) => s.fields.map((f) => `${f.label}: ${f.value}`)),
  ];
  return { text: fallbackText(lines.join('\n')), blocks: fitBudget(blocks.slice(0, LIMITS.blocks)) };
}

/** A plain ephemeral line (refusals, results): it may name a customer, so plain_text. */
export function renderLine(text: string): RenderedMessage {
  return {
    text: fallbackText(text),
    blocks: [{ type: 'section', text: plain(text) }],
  };
}
