/**
 * Telegram documents may come without file_size: the download is capped while it streams,
 * so an unsized (or lying) file is never pulled into memory whole.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BotApi } from '../../../connectors/telegram/send.js';

const CHUNK = 64 * 1024;

/** A fetch whose file body streams `chunks` chunks without a Content-Length, counting reads. */
function streamingFetch(chunks: number, headers: Record<string, string> = {}) {
  const state = { pulled: 0, cancelled: false };
  const fetchFn = (async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (state.pulled >= chunks) return controller.close();
        state.pulled += 1;
        controller.enqueue(new Uint8Array(CHUNK));
      },
      cancel() {
        state.cancelled = true;
      },
    });
    return new Response(body, { status: 200, headers });
  }) as typeof fetch;
  return { fetchFn, state };
}

test('an unsized file larger than the cap is dropped while streaming, not read whole', async () => {
  const { fetchFn, state } = streamingFetch(1000); // 64 MB if read whole
  const api = new BotApi('http://telegram.invalid', '1:x', fetchFn);
  await assert.rejects(api.download('documents/big.bin', { maxBytes: 1_500_000 }), {
    name: 'FileTooLargeError',
  });
  assert.ok(state.pulled <= 30, `read ${state.pulled} chunks of 64 KiB; the cap is ~23`);
  assert.ok(state.cancelled, 'the stream was cancelled');
});

test('a stated Content-Length over the cap is refused before reading', async () => {
  const { fetchFn, state } = streamingFetch(1000, { 'content-length': String(1000 * CHUNK) });
  const api = new BotApi('http://telegram.invalid', '1:x', fetchFn);
  await assert.rejects(api.download('documents/big.bin', { maxBytes: 1_500_000 }), {
    name: 'FileTooLargeError',
  });
  assert.ok(state.pulled <= 2, `read ${state.pulled} chunks`);
});

test('a file within the cap comes back whole', async () => {
  const { fetchFn } = streamingFetch(10);
  const api = new BotApi('http://telegram.invalid', '1:x', fetchFn);
  const bytes = await api.download('documents/ok.bin', { maxBytes: 1_500_000 });
  assert.equal(bytes.length, 10 * CHUNK);
});
