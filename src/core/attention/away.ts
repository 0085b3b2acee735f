/**
 * Whether the desk is open now: business hours, holidays and the owner's manual away state
 * (`/cs away`, kept in the store so it survives restarts).
 */
import type { BusinessHours } from './hours.js';
import { isOpen, nextOpen } from './hours.js';
import { localDate } from './zoned.js';

export interface AwayState {
  since: Date;
  /** Absent: away until `/cs back`. */
  until?: Date;
}

/** The store cursor the away state is kept under. */
export const AWAY_CURSOR = 'attention:away';

export function encodeAway(state: AwayState | undefined): string {
  return state ? JSON.stringify({ since: state.since.toISOString(), until: state.until?.toISOString() }) : '';
}

export function decodeAway(value: string | undefined): AwayState | undefined {
  if (!value) return undefined;
  try {
    const raw = JSON.parse(value) as { since?: string; until?: string };
    if (!raw.since) return undefined;
    return { since: new Date(raw.since), ...(raw.until ? { until: new Date(raw.until) } : {}) };
  } catch {
    return undefined;
  }
}

export type DeskState =
  | { kind: 'open' }
  /** `reopensAt` undefined: away with no end, or no opening hours at all. */
  | { kind: 'closed' | 'holiday' | 'away'; reopensAt?: Date };

export function deskState(hours: BusinessHours, away: AwayState | undefined, now: Date): DeskState {
  const awayNow = away && (!away.until || away.until.getTime() > now.getTime());
  if (awayNow) {
    const reopensAt = away.until ? nextOpen(hours, away.until) : undefined;
    return { kind: 'away', ...(reopensAt ? { reopensAt } : {}) };
  }
  if (isOpen(hours, now)) return { kind: 'open' };
  const reopensAt = nextOpen(hours, now);
  const kind = hours.holidays.has(localDate(now, hours.tz)) ? 'holiday' : 'closed';
  return { kind, ...(reopensAt ? { reopensAt } : {}) };
}
