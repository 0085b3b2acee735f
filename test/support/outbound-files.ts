/** Owner files for a connector's send() in tests, planned for the channel as the outbox does. */
import { planFiles } from '../../src/core/file-limits.js';
import type { Channel } from '../../src/core/model.js';
import type { OutboundFile } from '../../src/core/outbound-files.js';

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
