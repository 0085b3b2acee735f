/** The pool's rules (src/nlp/thread/worker-slot.ts): where a request goes, when to grow. */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { Worker } from 'node:worker_threads';
import { addInFlight, newSlot, pickSlot, shouldGrow, startWindow } from '../../src/nlp/thread/worker-slot.js';

const fakeWorker = {} as Worker;
const rules = { maxWorkers: 2, queued: 4, windowMs: 100, retireAfterMs: 1_000 };
const loadedSlot = (primary: boolean, now = 0) => {
  const slot = newSlot(fakeWorker, primary, now);
  slot.loaded = true;
  startWindow(slot, now);
  return slot;
};

describe('NLP pool rules', () => {
  test('the least loaded loaded worker takes a request; the first one on a tie', () => {
    const first = loadedSlot(true);
    const second = loadedSlot(false);
    assert.equal(pickSlot([first, second]), first);
    addInFlight(first, 2, 0);
    assert.equal(pickSlot([first, second]), second);
    addInFlight(second, 3, 0);
    assert.equal(pickSlot([first, second]), first);
    // A worker still loading gets nothing, unless it is the first and none other is loaded.
    const loading = newSlot(fakeWorker, false, 0);
    assert.equal(pickSlot([first, loading]), first);
    const restarting = newSlot(fakeWorker, true, 0);
    assert.equal(pickSlot([restarting]), restarting);
  });

  test('grows only when every loaded worker was queued over a whole window', () => {
    const window = { start: 0 };
    const first = loadedSlot(true);
    addInFlight(first, 10, 0);
    assert.equal(shouldGrow([first], rules, window, 50), false, 'the window has not ended');
    assert.equal(shouldGrow([first], rules, window, 100), true, '10 in flight on average');
    // Half the window with 10, half with none: 5 on average, still over 4.
    addInFlight(first, -10, 150);
    assert.equal(shouldGrow([first], rules, window, 200), true);
    // A quarter with 10: 2.5 on average, under 4.
    addInFlight(first, 10, 200);
    addInFlight(first, -10, 225);
    assert.equal(shouldGrow([first], rules, window, 300), false);
    // Not beyond the most, and not while one is loading.
    addInFlight(first, 10, 300);
    const second = loadedSlot(false, 300);
    addInFlight(second, 10, 300);
    assert.equal(shouldGrow([first, second], rules, window, 400), false, 'at maxWorkers');
    const third = newSlot(fakeWorker, false, 400);
    const wider = { ...rules, maxWorkers: 3 };
    assert.equal(
      shouldGrow([first, second, third], { ...wider, maxWorkers: 4 }, window, 500),
      false,
      'one is loading',
    );
    // Two loaded, one of them idle: no growth.
    addInFlight(second, -10, 500);
    assert.equal(shouldGrow([first, second], wider, window, 600), false);
  });
});
