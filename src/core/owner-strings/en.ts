/**
 * Everything the owner reads, in English: one table, a section per area. The Chinese table
 * (zh.ts) has the same shape. Customer-facing text (acknowledgements, rating requests, notices)
 * is not here: it follows the customer's language, not OWNER_LANGUAGE.
 */
import { card } from './en/card.js';
import { discordDm, intake, notes, optNotice, outbox, remember, twilio, wechat } from './en/elsewhere.js';
import { commands } from './en/commands.js';
import { emailSend, metaSend, sendParts, telegramSend, twilioSend, wechatSend } from './en/connectors.js';
import { discord, slack, terminal } from './en/consoles.js';
import { attention, intents, reasons, refusals } from './en/desk.js';
import { files } from './en/files.js';
import { people } from './en/people.js';

export const EN = {
  card,
  commands,
  slack,
  discord,
  terminal,
  refusals,
  reasons,
  intents,
  attention,
  remember,
  wechat,
  intake,
  twilio,
  outbox,
  discordDm,
  optNotice,
  notes,
  people,
  files,
  telegramSend,
  metaSend,
  emailSend,
  wechatSend,
  twilioSend,
  sendParts,
} as const;
