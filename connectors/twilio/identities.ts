/**
 * One phone number is one person: whoever texts from a number can be called back on it, a
 * caller can be texted, and a WhatsApp account's number takes SMS. After a message is
 * stored, the connector tells the intake about those other ways to reach the customer, so
 * the owner gets one profile and "Send via…" can offer SMS when WhatsApp's window closed.
 */
import type { Channel } from '../../src/core/model.js';
import type { Intake, Logger } from '../../src/core/ports.js';
import { isE164 } from './parse.js';

export class NumberLinker {
  /** Links made in this process; the store ignores repeats anyway, this saves the calls. */
  private readonly done = new Set<string>();

  constructor(
    /** SMS and phone are only reachable when we have a phone number. */
    private readonly hasPhoneNumber: boolean,
    private readonly logger: Logger,
  ) {}

  async link(intake: Intake, channel: Channel, number: string): Promise<void> {
    if (!this.hasPhoneNumber || !isE164(number)) return;
    const others: Channel[] =
      channel === 'sms' ? ['phone'] : channel === 'phone' ? ['sms'] : ['sms', 'phone'];
    for (const other of others) {
      const key = `${channel}:${number}:${other}`;
      if (this.done.has(key)) continue;
      try {
        await intake.addIdentity(channel, number, { channel: other, address: number });
        this.done.add(key);
        if (this.done.size > 50_000) this.done.clear();
      } catch (err) {
        // The message itself is stored; a missing link only costs a "Send via" option.
        this.logger.warn(
          { channel, other, err: (err as Error).message },
          'linking a number to its other channels failed',
        );
      }
    }
  }
}
