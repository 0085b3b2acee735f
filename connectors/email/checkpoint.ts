/**
 * Where the IMAP intake stands in a mailbox: the UIDVALIDITY the UIDs belong to and the
 * highest UID handled (stored before it is advanced, RFC 3501 §2.3.1.1). Kept through the
 * ConnectorDeps.cursors seam, or in memory when the desk wires none.
 */
import type { ConnectorCursors } from '../module.js';

export interface Checkpoint {
  /** A string: UIDVALIDITY is a 32-bit value that imapflow hands out as a BigInt. */
  uidValidity: string;
  lastUid: number;
  /** INTERNALDATE of the last handled mail: bounds the rescan after a UIDVALIDITY change. */
  lastDate?: string;
}

export function memoryCursors(): ConnectorCursors {
  const values = new Map<string, string>();
  return {
    get: async (name) => values.get(name),
    set: async (name, value) => {
      values.set(name, value);
    },
  };
}

export class CheckpointStore {
  constructor(
    private readonly cursors: ConnectorCursors,
    private readonly name: string,
  ) {}

  async load(): Promise<Checkpoint | undefined> {
    const raw = await this.cursors.get(this.name);
    if (!raw) return undefined;
    try {
      const value = JSON.parse(raw) as Partial<Checkpoint>;
      if (typeof value.uidValidity !== 'string' || typeof value.lastUid !== 'number') return undefined;
      return {
        uidValidity: value.uidValidity,
        lastUid: value.lastUid,
        ...(typeof value.lastDate === 'string' ? { lastDate: value.lastDate } : {}),
      };
    } catch {
      return undefined;
    }
  }

  async save(checkpoint: Checkpoint): Promise<void> {
    await this.cursors.set(this.name, JSON.stringify(checkpoint));
  }
}
