/**
 * Files the owner sends a customer. A console hands over the bytes of a file shared in the
 * customer's thread; they go to the store's file area (as inbound attachments do, see
 * attachment-files.ts) and the pending reply names them. At the send the outbox loads them
 * again and gives the connector each file with its fit for the channel (file-limits.ts) and
 * a signed download link that expires when the file is deleted: `ttlMs` after Send (the file
 * is needed until the platform fetched it, and the link until it expires), or at once on
 * Discard. Pure: the link is signed by an injected function (APP_SECRET lives outside).
 */
import { planFiles, type FileFit } from './file-limits.js';
import type { Attachment, Channel } from './model.js';
import type { Clock, Logger, Store } from './ports.js';
import { base64Bytes } from './attachment-files.js';

/** FILE_LINK_TTL default: download links (and the files behind them) live 7 days after Send. */
export const DEFAULT_FILE_TTL_MS = 7 * 86_400_000;

/** One file as a console hands it over. */
export interface SharedFile {
  name: string;
  contentType: string;
  dataBase64: string;
}

/** A file the connector sends (or links to): its bytes, how the channel takes it, and its link. */
export interface OutboundFile {
  name: string;
  contentType: string;
  size: number;
  fileId: string;
  dataBase64: string;
  fit: FileFit;
  /** The desk's signed download URL (GET /files/…), valid until `expiresAt`. */
  url: string;
  expiresAt: Date;
}

/** Signs a download link for a stored file (src/http/file-route.ts verifies it). */
export type FileLinker = (fileId: string, name: string, expiresAt: Date) => string;

/** Deterministic per draft, and URL-safe (it is a path segment of the download link). */
export function outboundFileId(draftId: string, index: number): string {
  return `out-${draftId.replace(/[^A-Za-z0-9_-]/g, '')}-${index}`;
}

/** Stores the shared files (before the draft names them); returns what the draft keeps. */
export async function storeSharedFiles(
  store: Pick<Store, 'putFile'>,
  draftId: string,
  files: readonly SharedFile[],
  expiresAt: Date,
): Promise<Attachment[]> {
  const out: Attachment[] = [];
  for (const [index, file] of files.entries()) {
    const id = outboundFileId(draftId, index);
    await store.putFile({ id, contentType: file.contentType, dataBase64: file.dataBase64, expiresAt });
    out.push({
      name: file.name,
      contentType: file.contentType,
      size: base64Bytes(file.dataBase64),
      fileId: id,
    });
  }
  return out;
}

/** The files of a reply, loaded for its connector; `missing` names files already deleted. */
export async function loadOutboundFiles(
  store: Pick<Store, 'getFile'>,
  channel: Channel,
  attachments: readonly Attachment[],
  link: FileLinker,
  expiresAt: Date,
): Promise<{ files: OutboundFile[]; missing: string[] }> {
  const found: Omit<OutboundFile, 'fit'>[] = [];
  const missing: string[] = [];
  for (const a of attachments) {
    const stored = a.fileId ? await store.getFile(a.fileId) : undefined;
    if (!stored || !a.fileId) {
      missing.push(a.name);
      continue;
    }
    found.push({
      name: a.name,
      contentType: a.contentType,
      size: a.size,
      fileId: a.fileId,
      dataBase64: stored.dataBase64,
      url: link(a.fileId, a.name, expiresAt),
      expiresAt,
    });
  }
  return { files: planFiles(channel, found).map(({ file, fit }) => ({ ...file, fit })), missing };
}

/** The files a channel carries itself, and those it gets as links in the text. */
export function splitFiles(files: readonly OutboundFile[] = []): {
  attach: OutboundFile[];
  links: OutboundFile[];
} {
  return {
    attach: files.filter((f) => f.fit.kind === 'attach'),
    links: files.filter((f) => f.fit.kind === 'link'),
  };
}

const LINK_TEXT = {
  en: (name: string, url: string, until: string) => `📎 ${name}: ${url} (link valid until ${until})`,
  zh: (name: string, url: string, until: string) => `📎 ${name}：${url}（链接有效期至 ${until}）`,
};

/** The reply text with a download line for each linked file, in the customer's language. */
export function withFileLinks(text: string, links: readonly OutboundFile[], language: string): string {
  if (links.length === 0) return text;
  const say = language.toLowerCase().startsWith('zh') ? LINK_TEXT.zh : LINK_TEXT.en;
  const lines = links.map((f) => say(f.name, f.url, f.expiresAt.toISOString().slice(0, 10)));
  return [text.trim(), ...lines].filter(Boolean).join('\n');
}

/** Deletes files whose time is up (sent + FILE_LINK_TTL, discarded, never decided), hourly. */
export class FileSweeper {
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: { store: Pick<Store, 'deleteExpiredFiles'>; clock: Clock; logger: Logger },
    private readonly everyMs = 3_600_000,
  ) {}

  async sweep(): Promise<number> {
    const deleted = await this.deps.store.deleteExpiredFiles(this.deps.clock.now());
    if (deleted > 0) this.deps.logger.info({ deleted }, 'expired outbound files deleted');
    return deleted;
  }

  start(): void {
    if (this.timer) return;
    const run = () => {
      this.running = this.sweep().catch((err: unknown) =>
        this.deps.logger.error({ err: (err as Error).message }, 'file sweep failed'),
      );
    };
    run();
    this.timer = setInterval(run, this.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
