/**
 * STOP / START and the like are stored facts like any inbound message, so they get the same
 * guarantees: a platform's redelivery of a keyword (same message id) changes nothing, and a
 * keyword older than the last one applied never undoes it (a retried START that reaches us
 * after a later STOP stays ignored). What was applied last, and the ids already seen, are
 * kept per channel and address in the store's cursors, so this holds across restarts and in
 * both stores.
 */
import type { Channel } from './model.js';
import type { OptOutSource, Store } from './ports.js';

/** Ids remembered per address: platforms redeliver within minutes, not after dozens of keywords. */
const SEEN_IDS = 50;

interface OptRecord {
  /** When the keyword applied last was sent (or first received). */
  at: string;
  optedOut: boolean;
  seen: string[];
}

const cursorName = (channel: Channel, address: string) => `opt-out:${channel}:${address}`;

function parse(value: string | undefined): OptRecord | undefined {
  if (!value) return undefined;
  try {
    const r = JSON.parse(value) as Partial<OptRecord>;
    if (typeof r.at !== 'string' || !Array.isArray(r.seen)) return undefined;
    return { at: r.at, optedOut: r.optedOut === true, seen: r.seen.filter((s) => typeof s === 'string') };
  } catch {
    return undefined;
  }
}

/**
 * Records the keyword and says whether it should be applied: false for a redelivery or for a
 * keyword older than the one applied last. The caller serialises calls per address.
 */
export async function admitOptChange(
  store: Pick<Store, 'getCursor' | 'setCursor'>,
  channel: Channel,
  address: string,
  optedOut: boolean,
  source: OptOutSource,
): Promise<boolean> {
  const name = cursorName(channel, address);
  const last = parse(await store.getCursor(name));
  if (last?.seen.includes(source.externalId)) return false;
  const seen = [...(last?.seen ?? []), source.externalId].slice(-SEEN_IDS);
  const newer = !last || source.at.getTime() >= new Date(last.at).getTime();
  const record: OptRecord = newer
    ? { at: source.at.toISOString(), optedOut, seen }
    : { at: last.at, optedOut: last.optedOut, seen };
  await store.setCursor(name, JSON.stringify(record));
  return newer;
}
