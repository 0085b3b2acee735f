/** Everything the owner reads, in Chinese: the same shape as en.ts (see shape.ts). */
import type { OwnerStrings } from './shape.js';
import { card } from './zh/card.js';
import { discordDm, intake, notes, optNotice, outbox, remember, twilio, wechat } from './zh/elsewhere.js';
import { commands } from './zh/commands.js';
import { emailSend, metaSend, sendParts, telegramSend, twilioSend, wechatSend } from './zh/connectors.js';
import { discord, slack, terminal } from './zh/consoles.js';
import { attention, intents, reasons, refusals } from './zh/desk.js';
import { files } from './zh/files.js';
import { people } from './zh/people.js';

export const ZH: OwnerStrings = {
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
};
