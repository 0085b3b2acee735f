/**
 * Export and erase (issue 19): what a store keeps about one customer, handed to the owner
 * whole (`/cs export`), and the erasure that keeps only anonymous counts (`/cs forget`).
 * Pure: the stores implement PrivacyStore, commands and consoles use the types.
 */
import type { MergeRecord } from './people.js';
import type {
  Attachment,
  Claim,
  Classification,
  Conversation,
  Customer,
  Decision,
  Draft,
  Identity,
  Message,
  OutboxJob,
  Rating,
} from './model.js';

/** An attachment's description without its bytes (the export lists files, never embeds them). */
export type AttachmentMeta = Omit<Attachment, 'dataBase64'> & { messageId: string };

/** Everything a store keeps about one customer (and the profiles merged into it). */
export interface CustomerExport {
  exportedAt: Date;
  customer: Customer;
  /** Profiles merged into this one (their history now belongs to `customer`). */
  mergedProfiles: Customer[];
  identities: Identity[];
  claims: Claim[];
  conversations: Conversation[];
  messages: Message[];
  drafts: Draft[];
  decisions: Decision[];
  ratings: Rating[];
  jobs: OutboxJob[];
  attachments: AttachmentMeta[];
  /** Merges into this customer: the merged-away profiles' names and identities (src/core/people.ts). */
  merges?: MergeRecord[];
}

/** What an erasure changed, for the owner's confirmation (counts only). */
export interface ForgetSummary {
  customers: number;
  messages: number;
  files: number;
  identities: number;
  claims: number;
}

/** What a retention sweep changed. */
export interface RetentionSummary {
  messages: number;
  files: number;
}

/**
 * Implemented by both stores. Erasure blanks text and unlinks identities but keeps every
 * row with its ids, times, channel, intent, direction and rating score, so the figures of
 * past periods do not change.
 */
export interface PrivacyStore {
  exportCustomer(customerId: string, now: Date): Promise<CustomerExport | undefined>;
  /**
   * Erases the customer's personal data (and of the profiles merged into it): message
   * bodies, subjects, addresses, reply routes, attachments and their files, names,
   * identities, claims, draft and decision texts, outbox payloads, rating comments and
   * set-aside items from their addresses. The SQLite store leaves no erased text in its
   * files (secure_delete and a WAL checkpoint).
   */
  forgetCustomer(customerId: string): Promise<ForgetSummary>;
  /** Blanks bodies and deletes files of messages created before `cutoff` (idempotent). */
  eraseOlderThan(cutoff: Date): Promise<RetentionSummary>;
}

export function isPrivacyStore(store: object): store is PrivacyStore {
  const s = store as Partial<PrivacyStore>;
  return (
    typeof s.exportCustomer === 'function' &&
    typeof s.forgetCustomer === 'function' &&
    typeof s.eraseOlderThan === 'function'
  );
}

/** A classification with what came from the text removed (entities, reason); intent kept for the figures. */
export function anonymousClassification(c: Classification): Classification {
  return {
    ...c,
    reason: '',
    entities: { orderNumbers: [], emails: [], phones: [], money: [], dates: [] },
  };
}

/** The file ids a message's attachments name. */
export function fileIdsOf(attachments: readonly Attachment[]): string[] {
  return attachments.flatMap((a) => (a.fileId ? [a.fileId] : []));
}

const CSV_COLUMNS = [
  'id',
  'conversationId',
  'createdAt',
  'direction',
  'channel',
  'address',
  'subject',
  'text',
];

function csvCell(value: string): string {
  // Formula-looking cells are prefixed so a spreadsheet does not evaluate them.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The export's messages as CSV (RFC 4180), one row per message, oldest first. */
export function messagesCsv(messages: readonly Message[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const m of messages) {
    rows.push(
      [
        m.id,
        m.conversationId,
        m.createdAt.toISOString(),
        m.direction,
        m.channel,
        m.address,
        m.subject ?? '',
        m.fullText ?? m.text,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}
