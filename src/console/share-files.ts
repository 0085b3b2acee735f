/**
 * Files the owner shares in a customer's thread (Slack file share, Discord attachment): the
 * console fetches each from its platform and hands them to the desk, which makes a pending
 * reply carrying them (src/core/outbound-files.ts). Credentials (Slack's bot token) are only
 * sent to the platform's own file hosts: a URL of any other origin is never fetched.
 */
import type { Actor, Draft } from '../core/model.js';
import type { SharedFile } from '../core/outbound-files.js';
import type { DeskApi } from '../core/ports.js';
import { formatBytes } from './attachment-notes.js';
import { fileLabel } from './card-files.js';
import type { OwnerLanguage } from './card-labels.js';

/** The largest file fetched from a console; bigger ones the owner sends another way. */
export const MAX_SHARED_FILE_BYTES = 25 * 1024 * 1024;

/** A file as the platform's event names it. */
export interface RemoteFile {
  name: string;
  url: string;
  contentType?: string;
  /** As the platform states it (checked again on the bytes). */
  size?: number;
}

export type FetchedFile =
  { ok: true; file: SharedFile } | { ok: false; name: string; reason: 'fetch' | 'size' };

export interface FileFetcher {
  fetch(file: RemoteFile): Promise<FetchedFile>;
  readonly maxBytes: number;
}

export function remoteFileFetcher(options: {
  /** Origins the URL must have (e.g. https://files.slack.com). */
  trustedOrigins: readonly string[];
  headers?: Record<string, string>;
  /** A platform that answers a sign-in page (HTML, 200) instead of the file when not allowed. */
  refuseHtml?: boolean;
  maxBytes?: number;
  fetchImpl?: typeof fetch;
}): FileFetcher {
  const maxBytes = options.maxBytes ?? MAX_SHARED_FILE_BYTES;
  const trusted = new Set(options.trustedOrigins);
  const doFetch = options.fetchImpl ?? fetch;
  return {
    maxBytes,
    async fetch(file) {
      const { name } = file;
      if (file.size !== undefined && file.size > maxBytes) return { ok: false, name, reason: 'size' };
      let origin: string;
      try {
        origin = new URL(file.url).origin;
      } catch {
        return { ok: false, name, reason: 'fetch' };
      }
      if (!trusted.has(origin)) return { ok: false, name, reason: 'fetch' };
      try {
        const res = await doFetch(file.url, {
          ...(options.headers ? { headers: options.headers } : {}),
          redirect: 'error',
          signal: AbortSignal.timeout(60_000),
        });
        if (!res.ok) return { ok: false, name, reason: 'fetch' };
        const type = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
        if (options.refuseHtml && type === 'text/html' && file.contentType !== 'text/html')
          return { ok: false, name, reason: 'fetch' };
        const bytes = Buffer.from(await res.arrayBuffer());
        if (bytes.length > maxBytes) return { ok: false, name, reason: 'size' };
        return {
          ok: true,
          file: {
            name,
            contentType: file.contentType || type || 'application/octet-stream',
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
  fetcher: FileFetcher,
  input: {
    customerId: string;
    text: string;
    files: readonly RemoteFile[];
    actor: Actor;
    lang: OwnerLanguage;
  },
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
