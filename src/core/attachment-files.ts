/**
 * Attachment bytes are kept apart from the message record: a message holds names, sizes and
 * file ids; the bytes go to the store's file area. A document store caps one record (MongoDB:
 * 16 MiB), and three 5 MiB attachments in base64 would otherwise make a mail impossible to
 * store, ever. Each message keeps at most `maxBytes` of attachments in total, in order; the
 * rest are listed as too large (they stay on the platform, or in the owner's mailbox).
 */
import type { Attachment, Channel } from './model.js';
import type { InboundMessage, Store, StoredFile } from './ports.js';

/** Default cap on the attachment bytes kept per message (INBOUND_ATTACHMENTS_MAX_BYTES). */
export const DEFAULT_MAX_ATTACHMENT_BYTES_PER_MESSAGE = 10 * 1024 * 1024;

/** The decoded size of a base64 string, without decoding it. */
export function base64Bytes(data: string): number {
  const clean = data.replace(/[^A-Za-z0-9+/=_-]/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - padding);
}

/**
 * A file id that is the same every time the same item is taken in, so a retried intake
 * replaces its files instead of leaving copies behind.
 */
export function attachmentFileId(channel: Channel, externalId: string, index: number): string {
  return `${channel}:${externalId}#${index}`;
}

/** Splits what a connector handed over into what the message records and the files to store. */
export function separateFiles(
  channel: Channel,
  externalId: string,
  attachments: readonly Attachment[],
  maxBytes: number,
): { attachments: Attachment[]; files: StoredFile[] } {
  let kept = 0;
  const files: StoredFile[] = [];
  const out = attachments.map((attachment, index): Attachment => {
    const { dataBase64, ...rest } = attachment;
    if (dataBase64 === undefined) return { ...rest };
    const bytes = base64Bytes(dataBase64);
    if (kept + bytes > maxBytes) return { ...rest, size: rest.size || bytes, omitted: 'too_large' };
    kept += bytes;
    const id = attachmentFileId(channel, externalId, index);
    files.push({ id, contentType: rest.contentType, dataBase64 });
    return { ...rest, size: rest.size || bytes, fileId: id };
  });
  return { attachments: out, files };
}

/** The attachments with their bytes put back, for consoles that upload them into the thread. */
export async function withFileData(
  attachments: readonly Attachment[],
  store: Pick<Store, 'getFile'>,
): Promise<Attachment[]> {
  const out: Attachment[] = [];
  for (const attachment of attachments) {
    const file = attachment.fileId ? await store.getFile(attachment.fileId) : undefined;
    out.push(file ? { ...attachment, dataBase64: file.dataBase64 } : attachment);
  }
  return out;
}

/** Stores an inbound item's files (first, so a message never names a missing file); returns what the message keeps. */
export async function storeFiles(
  store: Store,
  inbound: InboundMessage,
  maxBytes?: number,
): Promise<Attachment[]> {
  const { attachments, files } = separateFiles(
    inbound.channel,
    inbound.externalId,
    inbound.attachments ?? [],
    maxBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES_PER_MESSAGE,
  );
  for (const file of files) await store.putFile(file);
  return attachments;
}
