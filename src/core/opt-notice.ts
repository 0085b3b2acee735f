/** The owner's notice when a customer opts out of a channel (STOP) or back in, in OWNER_LANGUAGE. */
import type { Channel } from './model.js';
import { ownerStrings } from './owner-strings/index.js';
import { fillTemplate } from './template.js';

export function optChangeNotice(channel: Channel, optedOut: boolean, language: string | undefined): string {
  const t = ownerStrings(language);
  // English keeps the channel's code (as it always said); Chinese names it.
  const name = language === 'zh' ? t.card.channels[channel] : channel;
  return fillTemplate(optedOut ? t.optNotice.optedOut : t.optNotice.optedIn, { channel: name });
}
