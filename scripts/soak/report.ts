/** The soak's table, and what makes a run fail. */
import type { SoakOptions, SoakResult } from './run.js';

export function soakFailed(r: SoakResult): boolean {
  const t = r.tally;
  return (
    t.lostInbound + t.storedTwice + t.shownTwice + t.notShown + t.lostTaps + t.decidedTwice > 0 ||
    t.duplicatesSent + t.lostReplies + t.stuckJobs + t.stuckMessages > 0 ||
    r.crashes > 0
  );
}

export function printSoak(o: SoakOptions, r: SoakResult, maxDetails: number): void {
  const t = r.tally;
  const faults = Object.values(r.faults).reduce((a, b) => a + b, 0);
  const rows: [string, string | number][] = [
    ['messages in (distinct inbound)', t.messagesIn],
    ['  webhook/frame/mail deliveries', t.inboundDeliveries],
    [
      '  attempt outcomes',
      Object.entries(r.outcomes)
        .map(([k, v]) => `${k}×${v}`)
        .join(' '),
    ],
    ['  never acknowledged by the desk', t.notAccepted],
    ['  lost (acknowledged, not stored)', t.lostInbound],
    ['  stored twice (duplicates delivered)', t.storedTwice],
    ['  not shown in a console', t.notShown],
    ['  shown twice in a console', t.shownTwice],
    ['replies approved (Send decided)', t.approved],
    ['  taps acknowledged / re-taps', `${t.tapsAcked} / ${t.retaps}`],
    ['  acknowledged taps never decided', t.lostTaps],
    ['  drafts decided twice', t.decidedTwice],
    ['replies delivered (exactly matched)', t.delivered],
    ['duplicates sent', t.duplicatesSent],
    ['lost replies (approved, not delivered)', t.lostReplies],
    ['stuck (jobs pending/sending + messages unshown)', `${t.stuckJobs} + ${t.stuckMessages}`],
    ['failed jobs (gave up)', t.failedJobs],
    ['uncertain jobs (killed mid-send; owner asked, not resent)', t.uncertainJobs],
    ['other sends (not an approved reply)', t.otherSends],
    ['approved chat replies left unverified', t.unverified],
    ['kills (SIGKILL + restart)', r.kills],
    ['desk crashes (unplanned exits)', r.crashes],
    ['faults injected', faults],
    ...Object.entries(r.faults).map(([k, v]): [string, number] => [`  ${k}`, v]),
    ['platform API calls (through the fault proxies)', r.platformCalls],
    ['SIGTERM → exit (ms)', r.sigtermMs ?? 'did not exit within 10 s'],
    ['seed / seconds', `${o.seed} / ${r.seconds}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log('');
  console.log(
    `soak: ${o.messages} messages, ${o.kills} kills, ${o.durationS} s traffic, lease ${o.leaseMs} ms`,
  );
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  if (t.details.length > 0) {
    console.log('');
    console.log(`findings (${t.details.length}; first ${Math.min(maxDetails, t.details.length)}):`);
    for (const d of t.details.slice(0, maxDetails)) console.log(`  ${d}`);
  }
  console.log('');
  console.log(soakFailed(r) ? 'SOAK FAILED' : 'SOAK PASSED');
  console.log(`(store and desk log kept in ${r.dataDir})`);
}
