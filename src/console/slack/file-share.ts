/**
 * A file the owner shares in a customer's thread (a `file_share` message event) is fetched
 * with the bot token (`url_private` with `Authorization: Bearer`, which needs files:read) and
 * handed to the desk, which makes a pending reply carrying it. The token is only ever sent to
 * Slack's file host (or the configured API host, in tests), never to a URL of any other origin
 * an event might name.
 */
import type { Actor, Draft } from '../../core/model.js';
import type { SharedFile } from '../../core/outbound-files.js';
import type { DeskApi } from '../../core/ports.js';
import { formatBytes } from '../attachment-notes.js';
import { fileLabel } from '../card-files.js';
import type { OwnerLanguage } from '../card-labels.js';

/** The largest file fetched from Slack; bigger ones the owner sends another way. */
export const MAX_SHARED_FILE_BYTES = 25 * 1024 * 1024;

/** The part of a Slack file object (in a file_share event) we use. */
export interface SlackFile {
  id?: string;
  name?: string;
  title?: string;
  mimetype?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
  /** Slack's placeholder for files the app may not see (file_access: 'check_file_info'). */
  file_access?: string;
}

export type FetchedFile =
  { ok: true; file: SharedFile } | { ok: false; name: string; reason: 'fetch' | 'size' };

export interface SlackFileFetcher {
  fetch(file: SlackFile): Promise<FetchedFile>;
  readonly maxBytes: number;
}

export function slackFileFetcher(options: {
  botToken: string;
  /** SLACK_API_URL; its origin is trusted with the token too. */
  apiUrl?: string;
  maxBytes?: number;
  fetchImpl?: typeof fetch;
}): SlackFileFetcher {
  const maxBytes = options.maxBytes ?? MAX_SHARED_FILE_BYTES;
  const trusted = new Set(['https://files.slack.com']);
  if (options.apiUrl) trusted.add(new URL(options.apiUrl).origin);
  const doFetch = options.fetchImpl ?? fetch;
  return {
    maxBytes,
    async fetch(file) {
      const name = file.name ?? file.title ?? 'file';
      if (file.size !== undefined && file.size > maxBytes) return { ok: false, name, reason: 'size' };
      const url = file.url_private_download ?? file.url_private;
      if (!url || !trusted.has(new URL(url).origin)) return { ok: false, name, reason: 'fetch' };
      try {
        const res = await doFetch(url, {
          headers: { Authorization: `Bearer ${options.botToken}` },
          redirect: 'error',
          signal: AbortSignal.timeout(60_000),
        });
        if (!res.ok) return { ok: false, name, reason: 'fetch' };
        const type = res.headers.get('content-type') ?? '';
        // Without files:read Slack answers the login page (HTML) with 200, not the file.
        if (type.startsWith('text/html') && file.mimetype !== 'text/html')
          return { ok: false, name, reason: 'fetch' };
        const bytes = Buffer.from(await res.arrayBuffer());
        if (bytes.length > maxBytes) return { ok: false, name, reason: 'size' };
        return {
          ok: true,
          file: {
            name,
            contentType: file.mimetype || type.split(';')[0] || 'application/octet-stream',
            dataBase64: bytes.toString('base64'),
          },
        };
      } catch {
        return { ok: false, name, reason: 'fetch' };
      }
    },
  };
}

/**
 * Fetches the shared files and asks the desk for a pending reply carrying those it got (with
 * the message's text); tells the owner, in their language, about each file it could not get.
 */
export async function shareFromThread(
  desk: Pick<DeskApi, 'shareFiles' | 'note'>,
  fetcher: SlackFileFetcher,
  input: { customerId: string; text: string; files: readonly SlackFile[]; actor: Actor; lang: OwnerLanguage },
  tell: (text: string) => Promise<unknown>,
): Promise<Draft | undefined> {
  const got: SharedFile[] = [];
  for (const file of input.files) {
    const fetched = await fetcher.fetch(file);
    if (fetched.ok) got.push(fetched.file);
    else
      await tell(
        fetched.reason === 'size'
          ? fileLabel(input.lang, 'fileTooBig', { name: fetched.name, max: formatBytes(fetcher.maxBytes) })
          : fileLabel(input.lang, 'fetchFailed', { name: fetched.name }),
      );
  }
  if (got.length && desk.shareFiles) return desk.shareFiles(input.customerId, input.text, got, input.actor);
  return input.text.trim() ? desk.note(input.customerId, input.text, input.actor) : undefined;
}
