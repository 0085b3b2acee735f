/**
 * Attachments whose bytes were not kept (over the per-message cap) become card notes that say
 * so and where the file still is, instead of a plain file entry the owner would try to open.
 */
import type { Attachment, Channel } from '../core/model.js';
import { label, type OwnerLanguage } from './card-labels.js';

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

/** The attachments a card lists, and a note for each one kept out as too large. */
export function attachmentsForCard(
  attachments: readonly Attachment[],
  channel: Channel,
  lang: OwnerLanguage,
): { attachments: Attachment[]; notes: string[] } {
  const key = channel === 'email' ? 'tooLargeInMailbox' : 'tooLargeNotCopied';
  return {
    attachments: attachments.filter((a) => a.omitted === undefined),
    notes: attachments
      .filter((a) => a.omitted === 'too_large')
      .map((a) => label(lang, key, { name: a.name, size: formatBytes(a.size) })),
  };
}
