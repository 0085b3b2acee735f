/**
 * Relays a follower's picture: WeChat's PicUrl is fetched once, never more than a byte cap and
 * never longer than a short timeout, because the push must be answered within 5 seconds and is
 * stored first. A picture that is too big or slow is stored as its link instead.
 */
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const IMAGE_TIMEOUT_MS = 2_500;
/** WeChat voice messages are short AMR/Speex clips; anything larger is not one. */
export const VOICE_MAX_BYTES = 2 * 1024 * 1024;

export interface Downloaded {
  bytes: Buffer;
  contentType?: string;
}

export async function downloadCapped(
  fetchFn: typeof fetch,
  url: string,
  maxBytes: number,
  timeoutMs: number,
): Promise<Downloaded> {
  if (!/^https?:\/\//i.test(url)) throw new Error('not an http(s) link');
  const controller = new AbortController();
  const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(timeoutMs)]);
  const response = await fetchFn(url, { signal, redirect: 'follow' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  // The media API answers an error as JSON with status 200 (an invalid token, an expired media id).
  if (response.headers.get('content-type')?.includes('json')) {
    const json = (await response.json().catch(() => ({}))) as { errcode?: number };
    throw new MediaError(json.errcode);
  }
  const stated = Number(response.headers.get('content-length') ?? NaN);
  if (stated > maxBytes) {
    controller.abort();
    throw new Error('too large');
  }
  const reader = response.body?.getReader();
  const chunks: Buffer[] = [];
  let total = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new Error('too large');
      }
      chunks.push(Buffer.from(value));
    }
  }
  const type = response.headers.get('content-type')?.split(';')[0]?.trim();
  return {
    bytes: Buffer.concat(chunks, total),
    ...(type?.startsWith('image/') ? { contentType: type } : {}),
  };
}

export class MediaError extends Error {
  constructor(readonly errcode: number | undefined) {
    super(`WeChat media error ${errcode ?? 'unknown'}`);
    this.name = 'MediaError';
  }
}
