/**
 * An attachment on the owner's message in a customer's forum post becomes a file the desk
 * sends that customer (../share-files.ts). Discord serves attachments from its CDN at signed
 * URLs (no token needed); only Discord's CDN hosts — or, in tests, the configured API host —
 * are fetched from.
 */
import type { Attachment, Collection } from 'discord.js';
import { remoteFileFetcher, type FileFetcher, type RemoteFile } from '../share-files.js';

export function discordFileFetcher(apiUrl: string | undefined): FileFetcher {
  return remoteFileFetcher({
    trustedOrigins: [
      'https://cdn.discordapp.com',
      'https://media.discordapp.net',
      ...(apiUrl ? [new URL(apiUrl).origin] : []),
    ],
  });
}

export function discordFiles(attachments: Collection<string, Attachment>): RemoteFile[] {
  return [...attachments.values()].map((a) => ({
    name: a.name,
    url: a.url,
    ...(a.contentType ? { contentType: a.contentType.split(';')[0]?.trim() ?? a.contentType } : {}),
    size: a.size,
  }));
}
