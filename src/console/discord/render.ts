/**
 * Neutral cards (src/console/card.ts) → Discord messages: markdown content ≤2,000
 * characters plus action rows (≤5 buttons a row, ≤5 rows, custom_id ≤100: §7.34).
 * Cards updated in place (customer, draft/decided, delivery) always fit one message, so
 * they are drawn with a short body and a "Show in full" button; an inbound message is
 * drawn whole, over several messages when long, and attached as a file when very long.
 * Every card string may carry customer text: all of it goes through escape.ts.
 */
import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  LabelBuilder,
  ModalBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
  type MessageActionRowComponentBuilder,
} from 'discord.js';
import type { CommandReply } from '../../../commands/command.js';
import { cutText, encodeAction, type Card, type CardButton, type OwnerLanguage } from '../card.js';
import { inertMarkdown, NO_MENTIONS } from './escape.js';
import { discordLabel } from './labels.js';
import { snoozeRow } from './snooze.js';

export const MAX_CONTENT = 2000;
/** Body length for cards edited in place: header + body stay under 2,000. */
export const KEYED_BODY_CHARS = 1400;
/** An inbound message longer than this is attached as a text file instead of split. */
export const MAX_SPLIT_CHARS = 8000;
/** The one select menu of a draft card; its option values are encoded card actions. */
export const SEND_VIA_ID = 'sd-send-via';
/** Discord lets a bot upload 10 files of up to 10 MB a message; stay a little under. */
const MAX_INLINE_FILES = 10;
const MAX_INLINE_BYTES = 8 * 1024 * 1024;
/** The text input inside the Edit modal. */
export const EDIT_INPUT_ID = 'text';

export interface RenderedMessage {
  content: string;
  components: ActionRowBuilder<MessageActionRowComponentBuilder>[];
  files: AttachmentBuilder[];
  /** Always none: customer text must never ping anyone. */
  allowedMentions: typeof NO_MENTIONS;
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

function sizeText(bytes: number): string {
  return bytes >= 1_048_576
    ? `${(bytes / 1_048_576).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function header(card: Card): string[] {
  const lines = [`**${card.icon} ${inertMarkdown(card.title)}**`];
  for (const line of card.context) lines.push(`-# ${inertMarkdown(line.replace(/\n/g, ' '))}`);
  // A console-made link (the answer a draft came from); <…> keeps Discord from embedding it.
  const link =
    card.link && /^https:\/\/discord\.com\/channels\/[\d/]+$/.test(card.link.url) ? card.link : undefined;
  if (link) lines.push(`-# [${inertMarkdown(link.label)}](<${link.url}>)`);
  for (const f of card.fields) {
    const value = inertMarkdown(f.value);
    lines.push(`**${inertMarkdown(f.label)}:**${f.value.includes('\n') ? '\n' : ' '}${value}`);
  }
  return lines;
}

function footer(card: Card): string[] {
  const lines = card.notes.map((n) => `⚠️ ${inertMarkdown(n)}`);
  for (const a of card.attachments) {
    const name = inertMarkdown(a.name);
    // Only a platform-hosted http(s) URL becomes a link, and nothing in it can close the link.
    const url = a.url && /^https?:\/\//.test(a.url) && !/[<>()\s]/.test(a.url) ? a.url : undefined;
    lines.push(`📎 ${url ? `[${name}](<${url}>)` : name} (${sizeText(a.size)})`);
  }
  return lines;
}

/** Splits markdown at line breaks (then spaces) into parts of at most `max`. */
export function splitContent(text: string, max = MAX_CONTENT): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = cutText(rest, max).text.length;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  parts.push(rest);
  return parts.filter((p, i) => p.length > 0 || i === 0);
}

function button(b: CardButton): ButtonBuilder {
  const style =
    b.style === 'primary'
      ? ButtonStyle.Primary
      : b.style === 'danger'
        ? ButtonStyle.Danger
        : ButtonStyle.Secondary;
  return new ButtonBuilder().setCustomId(b.actionId).setLabel(cutText(b.label, 80).text).setStyle(style);
}

export function cardComponents(card: Card): ActionRowBuilder<MessageActionRowComponentBuilder>[] {
  const buttons = [...card.actions, ...(card.body?.showFull ? [card.body.showFull] : [])];
  const rows: ActionRowBuilder<MessageActionRowComponentBuilder>[] = [];
  for (let i = 0; i < buttons.length && rows.length < 4; i += 5) {
    rows.push(
      new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(
        buttons.slice(i, i + 5).map(button),
      ),
    );
  }
  if (card.sendVia && card.sendVia.options.length > 0) {
    const menu = new StringSelectMenuBuilder()
      .setCustomId(SEND_VIA_ID)
      .setPlaceholder(cutText(card.sendVia.label, 150).text)
      .addOptions(
        card.sendVia.options
          .slice(0, 25)
          .map((o) => ({ label: cutText(o.label, 100).text, value: o.actionId })),
      );
    rows.push(new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(menu));
  }
  if (card.snooze && card.snooze.options.length > 0 && rows.length < 5) rows.push(snoozeRow(card.snooze));
  return rows;
}

/**
 * One card → the messages that show it; components ride on the last one. Cards with a
 * key are edited in place later and must stay one message, so they are cut to fit.
 */
export function renderCard(card: Card, lang: OwnerLanguage): RenderedMessage[] {
  const parts = renderParts(card, lang);
  // Attachments the connector carried inline (email) are uploaded with the message.
  const inline = card.attachments
    .filter((a) => a.dataBase64 && a.size <= MAX_INLINE_BYTES)
    .slice(0, MAX_INLINE_FILES - 1)
    .map(
      (a) =>
        new AttachmentBuilder(Buffer.from(a.dataBase64 ?? '', 'base64'), { name: a.name || 'attachment' }),
    );
  if (card.kind === 'inbound' && inline.length > 0) parts[0]?.files.push(...inline);
  return parts;
}

function renderParts(card: Card, lang: OwnerLanguage): RenderedMessage[] {
  const components = cardComponents(card);
  const head = header(card).join('\n');
  const foot = footer(card).join('\n');
  const inertBody = card.body ? inertMarkdown(card.body.text) : '';
  const bodyText = card.body ? quote(inertBody) : '';
  const whole = [head, bodyText, foot].filter(Boolean).join('\n');
  const splittable = card.kind === 'inbound' || card.kind === 'notice';
  if (whole.length <= MAX_CONTENT)
    return [{ content: whole, components, files: [], allowedMentions: NO_MENTIONS }];
  if (!splittable || (card.body && card.body.text.length > MAX_SPLIT_CHARS)) {
    // One message: cut the body, attach the whole text when it is an inbound message.
    const files =
      splittable && card.body
        ? [new AttachmentBuilder(Buffer.from(card.body.text, 'utf8'), { name: 'message.txt' })]
        : [];
    const note = files.length
      ? `\n-# ${discordLabel(lang, 'longAttached', { n: card.body?.length ?? 0 })}`
      : '';
    const room = MAX_CONTENT - head.length - foot.length - note.length - 8;
    const body = card.body ? quote(`${cutText(inertBody, Math.max(0, room)).text}…`) : '';
    const content = cutText([head, body, foot].filter(Boolean).join('\n') + note, MAX_CONTENT).text;
    return [{ content, components, files, allowedMentions: NO_MENTIONS }];
  }
  const parts = splitContent(whole, MAX_CONTENT - 40).map((part, i) =>
    // A body line cut in the middle continues as a quote in the next message.
    i > 0 && card.body && !part.startsWith('>') ? `> ${part.trimStart()}` : part,
  );
  return parts.map((content, i) => ({
    content:
      i === 0 ? content : `${content}\n-# ${discordLabel(lang, 'continued', { i: i + 1, n: parts.length })}`,
    components: i === parts.length - 1 ? components : [],
    files: [],
    allowedMentions: NO_MENTIONS,
  }));
}

/** The Edit modal: title ≤45, one labelled paragraph input, max_length 4,000 (§7.34). */
export function editModal(
  draft: { id: string; text: string },
  channel: string,
  lang: OwnerLanguage,
): ModalBuilder {
  const value = cutText(draft.text, 4000);
  const label = new LabelBuilder()
    .setLabel(cutText(discordLabel(lang, 'editLabel', { channel }), 45).text)
    .setTextInputComponent(
      new TextInputBuilder()
        .setCustomId(EDIT_INPUT_ID)
        .setStyle(TextInputStyle.Paragraph)
        .setRequired(true)
        .setMaxLength(4000)
        .setValue(value.text),
    );
  if (value.truncated) label.setDescription(cutText(discordLabel(lang, 'editCut'), 100).text);
  return new ModalBuilder()
    .setCustomId(encodeAction({ action: 'edit', id: draft.id }))
    .setTitle(cutText(discordLabel(lang, 'editTitle'), 45).text)
    .addLabelComponents(label);
}

/** Full text for "Show in full": inline when it fits, else a text file. */
export function fullText(
  text: string,
  lang: OwnerLanguage,
): { content: string; files: AttachmentBuilder[]; allowedMentions: typeof NO_MENTIONS } {
  const title = `**${discordLabel(lang, 'fullTitle')}**\n`;
  const inert = inertMarkdown(text);
  if (title.length + inert.length <= MAX_CONTENT)
    return { content: title + inert, files: [], allowedMentions: NO_MENTIONS };
  return {
    content: discordLabel(lang, 'fullAttached', { n: text.length }),
    // A file is shown as text, never as markdown: it keeps the raw characters.
    files: [new AttachmentBuilder(Buffer.from(text, 'utf8'), { name: 'full-text.txt' })],
    allowedMentions: NO_MENTIONS,
  };
}

/** A command reply as one embed per section (≤10 embeds, ≤25 fields, ≤6,000 characters). */
export function renderCommandReply(reply: CommandReply): {
  content: string;
  embeds: { title?: string; fields: { name: string; value: string; inline: boolean }[] }[];
  files: AttachmentBuilder[];
  allowedMentions: typeof NO_MENTIONS;
} {
  let budget = 5800;
  // Embeds render markdown (masked links too) and replies list customers: all made inert.
  const take = (s: string, max: number): string => {
    const cut = cutText(inertMarkdown(s || '—'), Math.max(1, Math.min(max, budget))).text;
    budget -= cut.length;
    return cut;
  };
  const embeds = reply.sections.slice(0, 10).map((section) => ({
    ...(section.heading ? { title: take(section.heading, 256) } : {}),
    fields: section.fields
      .slice(0, 25)
      .filter(() => budget > 50)
      .map((f) => ({
        name: take(f.label, 256),
        value: f.link ? `${take(f.value, 900)}\n[→](${f.link})` : take(f.value, 1024),
        inline: f.value.length <= 40,
      })),
  }));
  const content = cutText(
    [`**${inertMarkdown(reply.title)}**`, inertMarkdown(reply.text ?? '')].filter(Boolean).join('\n'),
    MAX_CONTENT,
  ).text;
  const files = reply.image
    ? [
        new AttachmentBuilder(Buffer.from(reply.image.png), {
          name: reply.image.filename,
          description: reply.image.alt.slice(0, 1024),
        }),
      ]
    : [];
  // An export's files: command replies are ephemeral, so only the owner who asked sees them.
  for (const file of reply.files ?? [])
    files.push(new AttachmentBuilder(Buffer.from(file.data), { name: file.filename }));
  return {
    content,
    embeds: embeds.filter((e) => e.fields.length > 0 || e.title),
    files,
    allowedMentions: NO_MENTIONS,
  };
}
