/**
 * The chat platform's own record of each visitor's conversation: what the widget shows on
 * reload, owner replies waiting for a visitor who is away, and rating requests with their
 * conversation. The core's store keeps the authoritative messages; this is the delivery side
 * (like the message log a hosted platform keeps), because connectors cannot read the store.
 *
 * One JSON file per visitor under DATA_DIR/webchat/visitors, written atomically
 * (temp file + rename); updates to one visitor are serialised.
 */
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KeyedQueue } from '../../src/core/keyed-queue.js';
import type { ChatEntry } from './frames.js';
import { isVisitorAddress } from './visitor-id.js';

export interface StoredEntry extends ChatEntry {
  /** Owner entries: the outbox idempotency key, so a retried send is not shown twice. */
  idempotencyKey?: string;
  conversationId?: string;
  /** Owner entries: sent (waiting), delivered (on a screen), read (panel open and visible). */
  delivery?: 'sent' | 'delivered' | 'read';
}

export interface VisitorRecord {
  address: string;
  emailKnown: boolean;
  entries: StoredEntry[];
}

const CACHE_MAX = 2000;

export class TranscriptStore {
  private readonly cache = new Map<string, VisitorRecord>();
  private readonly queue = new KeyedQueue();
  private readonly dir: string;
  private seq = 0;
  private ready?: Promise<unknown>;

  constructor(
    dataDir: string,
    private readonly historyLimit: number,
  ) {
    this.dir = join(dataDir, 'webchat', 'visitors');
  }

  async init(): Promise<void> {
    this.ready ??= mkdir(this.dir, { recursive: true }).catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    await this.ready;
  }

  /** The visitor's record, or undefined when the desk never saw them. */
  get(address: string): Promise<VisitorRecord | undefined> {
    return this.serial(address, () => this.load(address));
  }

  /** Applies `change` to the visitor's record (created when missing) and persists it. */
  update<T>(address: string, change: (record: VisitorRecord) => T): Promise<T> {
    return this.serial(address, async () => {
      const record = (await this.load(address)) ?? { address, emailKnown: false, entries: [] };
      const result = change(record);
      if (record.entries.length > this.historyLimit) {
        record.entries.splice(0, record.entries.length - this.historyLimit);
      }
      await this.save(record);
      return result;
    });
  }

  /** Appends `entry` unless one matching `isSame` is there already (a resend); returns the one kept. */
  appendOnce(
    address: string,
    isSame: (entry: StoredEntry) => boolean,
    entry: StoredEntry,
  ): Promise<{ entry: StoredEntry; added: boolean }> {
    return this.update(address, (record) => {
      const existing = record.entries.find(isSame);
      if (existing) return { entry: existing, added: false };
      record.entries.push(entry);
      return { entry, added: true };
    });
  }

  /**
   * Deletes the transcripts of visitors with no activity (no write) since `before`, and temp
   * files left by a crash. Each visitor's deletion runs in that visitor's queue, so it cannot
   * race a write. Returns how many transcripts it deleted; stops early once `cancelled()`.
   */
  async expire(before: Date, cancelled: () => boolean = () => false): Promise<number> {
    await this.init();
    let deleted = 0;
    for (const name of await readdir(this.dir)) {
      if (cancelled()) break;
      const file = join(this.dir, name);
      const address = name.endsWith('.json') ? name.slice(0, -'.json'.length) : undefined;
      if (address === undefined) {
        if (name.endsWith('.tmp') && (await isOlder(file, before))) await unlink(file).catch(() => undefined);
        continue;
      }
      if (!isVisitorAddress(address)) continue;
      const gone = await this.serial(address, async () => {
        if (!(await isOlder(file, before))) return false;
        await unlink(file);
        this.cache.delete(address);
        return true;
      }).catch(() => false);
      if (gone) deleted += 1;
    }
    return deleted;
  }

  /** Waits for pending writes. */
  flush(): Promise<void> {
    return this.queue.drain();
  }

  private serial<T>(address: string, task: () => Promise<T>): Promise<T> {
    // The address becomes a file name: only the exact visitor-id shape is accepted.
    if (!isVisitorAddress(address)) return Promise.reject(new Error('webchat: not a visitor address'));
    return this.queue.run(address, task);
  }

  private file(address: string): string {
    return join(this.dir, `${address}.json`);
  }

  private async load(address: string): Promise<VisitorRecord | undefined> {
    const cached = this.cache.get(address);
    if (cached) return cached;
    let text: string;
    try {
      text = await readFile(this.file(address), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const record = JSON.parse(text) as VisitorRecord;
    this.remember(record);
    return record;
  }

  private async save(record: VisitorRecord): Promise<void> {
    const file = this.file(record.address);
    await this.init();
    const temp = `${file}.${process.pid}.${++this.seq}.tmp`;
    await writeFile(temp, JSON.stringify(record), { mode: 0o600 });
    await rename(temp, file);
    this.remember(record);
  }

  private remember(record: VisitorRecord): void {
    this.cache.delete(record.address);
    this.cache.set(record.address, record);
    if (this.cache.size > CACHE_MAX) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
}

async function isOlder(file: string, before: Date): Promise<boolean> {
  try {
    return (await stat(file)).mtimeMs < before.getTime();
  } catch {
    return false;
  }
}
