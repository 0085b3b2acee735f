/** A desk on a clock the test moves, for the attention flows. */
import type { Desk } from '../../../src/app.js';
import type { Clock } from '../../../src/core/ports.js';

export class TestClock implements Clock {
  constructor(public t: Date) {}
  now(): Date {
    return new Date(this.t);
  }
  set(iso: string): void {
    this.t = new Date(iso);
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

/** Inbound → classify → consoles → attention → outbox: twice over, since each step queues the next. */
export async function settle(desk: Desk): Promise<void> {
  for (let i = 0; i < 3; i++) await desk.drain();
}

export const FRIDAY_23 = '2026-12-04T23:00:00Z'; // Europe/London is UTC+0 in December
export const MONDAY_10 = '2026-12-07T10:00:00Z';
export const LONDON = { TZ: 'Europe/London', BUSINESS_HOURS: 'mon-fri 09:00-18:00' };
