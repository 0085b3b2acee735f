/**
 * The lines a reply card shows about the files the owner shared with it: each file with its
 * size, and — where the channel can't carry it (file-limits.ts) — that it goes as a download
 * link and why, before Send ("will be sent as a link") and after ("sent as a link"). Also the
 * console's own words when fetching a shared file fails. English and Chinese.
 */
import { planFiles, type FileFit } from '../core/file-limits.js';
import type { Channel, Draft } from '../core/model.js';
import { fillOwner, ownerStrings, type OwnerStrings } from '../core/owner-strings/index.js';
import { formatBytes } from './attachment-notes.js';
import { channelName, type OwnerLanguage } from './card-labels.js';

export type FileLabelKey = Exclude<keyof OwnerStrings['files'], 'fileGone'>;

export function fileLabel(
  lang: OwnerLanguage,
  key: FileLabelKey,
  vars: Readonly<Record<string, string | number>> = {},
): string {
  return fillOwner(ownerStrings(lang).files[key], vars);
}

function why(lang: OwnerLanguage, fit: Extract<FileFit, { kind: 'link' }>, channel: Channel): string {
  return fileLabel(lang, fit.reason, { channel: channelName(lang, channel) });
}

/** One note per shared file, saying whether it goes as a link on `channel` (pending or sent). */
export function fileNotes(
  draft: Pick<Draft, 'attachments'>,
  channel: Channel,
  lang: OwnerLanguage,
  stage: 'pending' | 'sent' | 'discarded',
): string[] {
  return planFiles(channel, draft.attachments ?? []).map(({ file, fit }) => {
    const line = fileLabel(lang, 'file', { name: file.name, size: formatBytes(file.size) });
    if (fit.kind === 'attach' || stage === 'discarded') return line;
    return fileLabel(lang, stage === 'pending' ? 'willLink' : 'sentLink', {
      file: line,
      why: why(lang, fit, channel),
    });
  });
}
