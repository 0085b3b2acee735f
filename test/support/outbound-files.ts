/** Owner files for a connector's send() in tests, planned for the channel as the outbox does. */
import { planFiles } from '../../src/core/file-limits.js';
import type { Channel } from '../../src/core/model.js';
import type { OutboundFile } from '../../src/core/outbound-files.js';
import { listenLocal } from './local-server.js';

export interface TestFile {
  name: string;
  contentType: string;
  bytes: Buffer;
}

export function outboundFiles(channel: Channel, files: readonly TestFile[]): OutboundFile[] {
  const expiresAt = new Date(Date.now() + 7 * 86_400_000);
  const shaped = files.map((f, i) => ({
    name: f.name,
    contentType: f.contentType,
    size: f.bytes.length,
    fileId: `out-test-${i}`,
    dataBase64: f.bytes.toString('base64'),
    url: `https://desk.example.com/files/out-test-${i}/${encodeURIComponent(f.name)}?exp=1&sig=x`,
    expiresAt,
  }));
  return planFiles(channel, shaped).map(({ file, fit }) => ({ ...file, fit }));
}

/**
 * Serves the files at their links on loopback (as the desk's /files route would), for
 * platforms that fetch a file themselves (Meta attachments by URL); the links are rewritten.
 */
export async function servedFiles(
  files: OutboundFile[],
): Promise<{ files: OutboundFile[]; fetched: string[]; close(): Promise<void> }> {
  const fetched: string[] = [];
  const server = await listenLocal((req, res) => {
    const i = Number(/^\/f\/(\d+)/.exec(req.url ?? '')?.[1] ?? -1);
    const file = files[i];
    if (!file) return void res.writeHead(404).end();
    fetched.push(file.name);
    res.writeHead(200, { 'content-type': file.contentType }).end(Buffer.from(file.dataBase64, 'base64'));
  });
  return {
    files: files.map((f, i) => ({ ...f, url: `${server.url}/f/${i}/${encodeURIComponent(f.name)}` })),
    fetched,
    close: () => server.close(),
  };
}
