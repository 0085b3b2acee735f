/**
 * The one place the Discord console makes card text inert. Every string on a neutral card
 * may carry customer text, and Discord renders markdown in message content and embeds:
 * customer `**bold**`, `# headings`, `> quotes`, `-# subtext`, `[bank.com](http://evil)`
 * masked links, `<@&role>` / `<#channel>` mentions and `@everyone` would all come alive.
 * `inertMarkdown` escapes all of it so the owner sees exactly what was typed; and every
 * payload also carries `allowed_mentions: { parse: [] }` (NO_MENTIONS), so even a mention
 * that slipped through pings nobody. Modal values (text inputs) are plain text: never escaped.
 */
import { escapeMarkdown } from 'discord.js';

/** Nobody is pinged by anything the console posts. */
export const NO_MENTIONS = { parse: [] as never[] };

export function inertMarkdown(text: string): string {
  return (
    escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true })
      // Every bracket, so no [label](url) can form, nor close the label of a link we draw.
      .replace(/[[\]]/g, (c) => `\\${c}`)
      // Line starts discord.js leaves alone: quotes and -# subtext.
      .replace(/^(\s*)(>|-#)/gm, (_m, space: string, mark: string) => `${space}\\${mark}`)
      // <@id>, <@&role>, <#channel>, <t:…>, <https://…>: shown as typed, never resolved.
      .replace(/</g, '\\<')
      // A zero-width space keeps @everyone / @here from being read as a mention.
      .replace(/@(everyone|here)\b/gi, '@\u200b$1')
  );
}
