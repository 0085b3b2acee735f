/**
 * What a decision does to the files of an owner's reply (outbound-files.ts): Send keeps them
 * until the download links expire (FILE_LINK_TTL after the send), Discard lets them go at
 * once, and a Send whose file was already deleted (a draft left undecided past the TTL) is
 * refused with the file's name rather than sent without it.
 */
import type { Draft } from '../model.js';
import type { Store } from '../ports.js';
import { fillOwner, ownerStrings } from '../owner-strings/index.js';

/** The refusal of a Send whose files are gone, in the acting owner's language. */
export function fileText(language: string | undefined, key: 'fileGone', names: string): string {
  return fillOwner(ownerStrings(language).files[key], { names });
}

/** The names of the draft's files no longer in the store, joined; undefined when all are there. */
export async function missingFiles(store: Pick<Store, 'getFile'>, draft: Draft): Promise<string | undefined> {
  const gone: string[] = [];
  for (const a of draft.attachments ?? []) {
    if (!a.fileId || !(await store.getFile(a.fileId))) gone.push(a.name);
  }
  return gone.length ? gone.join(', ') : undefined;
}

/** After Send: the files stay until their links expire (the link's expiry is `sentAt + ttlMs`). */
export async function keepFilesForLinks(
  store: Pick<Store, 'expireFile'>,
  draft: Draft,
  sentAt: Date,
  ttlMs: number,
): Promise<void> {
  const until = new Date(sentAt.getTime() + ttlMs);
  for (const a of draft.attachments ?? []) if (a.fileId) await store.expireFile(a.fileId, until);
}

/** After Discard: nothing will send them, so they go now. */
export async function dropFiles(
  store: Pick<Store, 'expireFile' | 'deleteExpiredFiles'>,
  draft: Draft,
  now: Date,
): Promise<void> {
  const ids = (draft.attachments ?? []).flatMap((a) => (a.fileId ? [a.fileId] : []));
  if (ids.length === 0) return;
  for (const id of ids) await store.expireFile(id, now);
  await store.deleteExpiredFiles(now);
}
