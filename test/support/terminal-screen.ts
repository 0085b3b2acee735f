/**
 * The terminal console's two streams for a test: what the owner types (`input`) and what the
 * console prints (`output`, collected in `text`), with a wait for a pattern and a typed line that
 * lets the desk finish what it started.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';

export class TerminalScreen {
  readonly input = new PassThrough();
  readonly output = new PassThrough();
  /** Everything printed so far. */
  text = '';

  /** `tries` × 10 ms is how long `waitFor` waits. */
  constructor(private readonly tries = 300) {
    this.output.on('data', (chunk: Buffer) => (this.text += chunk.toString()));
  }

  /** The first match of `pattern` once it is printed; fails with the screen if it never is. */
  async waitFor(pattern: RegExp): Promise<RegExpExecArray> {
    for (let i = 0; i < this.tries; i++) {
      const found = pattern.exec(this.text);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    return assert.fail(`screen never matched ${pattern}:\n${this.text}`);
  }

  /** Types one line, then waits for `settle` (the desk's drain) so its effects are stored. */
  async type(line: string, settle: () => Promise<void>): Promise<void> {
    this.input.write(line + '\n');
    await new Promise((r) => setTimeout(r, 30));
    await settle();
  }
}
