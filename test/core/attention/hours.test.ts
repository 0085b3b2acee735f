import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ackText } from '../../../src/core/attention/ack-text.js';
import { deskState } from '../../../src/core/attention/away.js';
import { addBusinessDuration, parseDuration, parseReplyDue } from '../../../src/core/attention/durations.js';
import {
  addBusinessTime,
  describeWeek,
  isOpen,
  nextOpen,
  parseHolidays,
  parseWeeklyHours,
  type BusinessHours,
} from '../../../src/core/attention/hours.js';
import { snoozeUntil } from '../../../src/core/attention/snooze.js';

function hours(text = 'mon-fri 09:00-18:00', tz = 'Europe/London', holidays = ''): BusinessHours {
  const days = parseWeeklyHours(text);
  const hol = parseHolidays(holidays);
  assert.ok(days.ok && hol.ok);
  return { days: days.value, holidays: hol.value, tz };
}

const FRIDAY_23 = new Date('2026-12-04T23:00:00Z'); // London is UTC+0 in December
const MONDAY_9 = new Date('2026-12-07T09:00:00Z');

describe('business hours', () => {
  it('parses weekly hours and rejects malformed ones with a reason', () => {
    const ok = parseWeeklyHours('mon-fri 09:00-18:00; sat 10:00-14:00');
    assert.ok(ok.ok);
    assert.deepEqual(ok.value[6], [[600, 840]]);
    assert.deepEqual(ok.value[0], []);
    assert.deepEqual(describeWeek(ok.value), ['mon-fri 09:00-18:00', 'sat 10:00-14:00']);
    for (const bad of [
      'mon-fri',
      'xyz 09:00-10:00',
      'mon 18:00-09:00',
      'mon 9-10',
      'mon 09:00-12:00, 11:00-13:00',
    ]) {
      const r = parseWeeklyHours(bad);
      assert.equal(r.ok, false, bad);
    }
    assert.equal(parseHolidays('2026-12-25,2027-01-01').ok, true);
    assert.equal(parseHolidays('2026-02-30').ok, false);
  });

  it('is closed on Friday night and opens at 09:00 Monday', () => {
    const h = hours();
    assert.equal(isOpen(h, FRIDAY_23), false);
    assert.deepEqual(nextOpen(h, FRIDAY_23), MONDAY_9);
    assert.equal(isOpen(h, new Date('2026-12-07T10:00:00Z')), true);
  });

  it('skips holidays and follows the zone (Shanghai is UTC+8)', () => {
    const h = hours('mon-fri 09:00-18:00', 'Asia/Shanghai', '2026-12-07');
    // Friday 23:00 Beijing = 15:00Z; Monday is a holiday → Tuesday 09:00 Beijing = Monday 01:00Z.
    assert.deepEqual(nextOpen(h, new Date('2026-12-04T15:00:00Z')), new Date('2026-12-08T01:00:00Z'));
  });

  it('counts due times in business hours', () => {
    const h = hours();
    // 4 business hours after Friday 16:00 → 2 h on Friday, 2 h on Monday → 11:00 Monday.
    assert.deepEqual(
      addBusinessTime(h, new Date('2026-12-04T16:00:00Z'), 4 * 3_600_000),
      new Date('2026-12-07T11:00:00Z'),
    );
    const due = parseReplyDue('high=1h,normal=4h,low=1d');
    assert.ok(due.ok);
    assert.deepEqual(addBusinessDuration(h, FRIDAY_23, due.value.high), new Date('2026-12-07T10:00:00Z'));
    // 1d from Monday 10:00 → Tuesday 10:00.
    assert.deepEqual(
      addBusinessDuration(h, new Date('2026-12-07T10:00:00Z'), due.value.low),
      new Date('2026-12-08T10:00:00Z'),
    );
    assert.equal(parseDuration('soon').ok, false);
    assert.equal(parseReplyDue('urgent=1h').ok, false);
  });

  it('words the acknowledgement in English and Chinese, naming Monday 09:00', () => {
    const h = hours();
    const state = deskState(h, undefined, FRIDAY_23);
    assert.equal(state.kind, 'closed');
    assert.equal(
      ackText(state, FRIDAY_23, h.tz, 'en'),
      "Thanks for your message. We're closed now and will reply from 09:00 Monday (London time).",
    );
    assert.equal(
      ackText(state, FRIDAY_23, h.tz, 'zh'),
      '感谢您的留言。我们现在不在线，将于周一 09:00（伦敦时间）回复您。',
    );
    assert.equal(ackText(state, FRIDAY_23, h.tz, 'en', { en: 'Back {when}!' }), 'Back 09:00 Monday!');
  });

  it('counts an away state as closed until it ends', () => {
    const h = hours();
    const now = new Date('2026-12-07T10:00:00Z');
    assert.equal(deskState(h, { since: now }, now).kind, 'away');
    const until = new Date('2026-12-07T12:00:00Z');
    const state = deskState(h, { since: now, until }, now);
    assert.deepEqual(state, { kind: 'away', reopensAt: until });
    assert.equal(deskState(h, { since: now, until }, new Date('2026-12-07T12:30:00Z')).kind, 'open');
  });

  it('reads snooze choices', () => {
    const h = hours();
    const now = new Date('2026-12-04T15:00:00Z');
    assert.deepEqual(snoozeUntil('1h', now, h), new Date('2026-12-04T16:00:00Z'));
    assert.deepEqual(snoozeUntil('tomorrow', now, h), new Date('2026-12-05T09:00:00Z'));
    assert.deepEqual(snoozeUntil('nextweek', now, h), MONDAY_9);
    assert.deepEqual(snoozeUntil('2026-12-10 14:30', now, h), new Date('2026-12-10T14:30:00Z'));
    assert.equal(snoozeUntil('whenever', now, h), undefined);
  });
});
