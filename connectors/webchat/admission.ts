/**
 * Who may open a chat socket and who may start as a new visitor: the per-address and desk-wide
 * limits that keep the open intake from being flooded (a script creating customers, or holding
 * every socket). Counts by client key (IPv4 address or IPv6 /64, see core/client-address.ts).
 *
 * A refusal changes nothing: no visitor id is issued, so no customer, transcript or console
 * post can follow. The owner hears about the desk-wide limit once per trip (a trip ends after
 * TRIP_QUIET_MS without refusals), not once per refused hello.
 */
import { perPeriod, TokenBuckets } from '../../src/core/rate-limit.js';

const HOUR = 3_600_000;
/** A trip of the desk-wide limit ends after this long without a refusal. */
export const TRIP_QUIET_MS = 15 * 60_000;
const GLOBAL = 'all';

export interface AdmissionLimits {
  /** Open sockets per client key; 0 ⇒ no cap. */
  connectionsPerIp: number;
  /** New visitors per client key per hour; 0 ⇒ no cap. */
  newVisitorsPerIpPerHour: number;
  /** New visitors per hour, desk-wide; 0 ⇒ no cap. */
  newVisitorsPerHour: number;
}

export type Refusal = {
  code: 'too_many_connections' | 'too_many_new_visitors' | 'chat_busy';
  retryAfterMs: number;
};

export class Admission {
  private readonly open = new Map<string, number>();
  private readonly perClient?: TokenBuckets;
  private readonly global?: TokenBuckets;
  private lastGlobalRefusal?: number;

  constructor(
    private readonly limits: AdmissionLimits,
    private readonly now: () => number,
    /** Called once when the desk-wide limit starts refusing. */
    private readonly onTrip: () => void,
  ) {
    if (limits.newVisitorsPerIpPerHour > 0)
      this.perClient = new TokenBuckets(perPeriod(limits.newVisitorsPerIpPerHour, HOUR), now);
    if (limits.newVisitorsPerHour > 0)
      this.global = new TokenBuckets(perPeriod(limits.newVisitorsPerHour, HOUR), now);
  }

  /** A socket from `client` wants to open; on success the caller must `release` it when it closes. */
  connect(client: string): Refusal | undefined {
    const count = this.open.get(client) ?? 0;
    const cap = this.limits.connectionsPerIp;
    if (cap > 0 && count >= cap) return { code: 'too_many_connections', retryAfterMs: 30_000 };
    this.open.set(client, count + 1);
    return undefined;
  }

  release(client: string): void {
    const count = (this.open.get(client) ?? 0) - 1;
    if (count > 0) this.open.set(client, count);
    else this.open.delete(client);
  }

  /** A hello without a visitor id: a new visitor (and, on their first message, a new customer). */
  newVisitor(client: string): Refusal | undefined {
    const clientWait = this.perClient?.peek(client) ?? 0;
    if (clientWait > 0) return { code: 'too_many_new_visitors', retryAfterMs: clientWait };
    const globalWait = this.global?.peek(GLOBAL) ?? 0;
    if (globalWait > 0) {
      this.trip();
      return { code: 'chat_busy', retryAfterMs: globalWait };
    }
    this.perClient?.take(client);
    this.global?.take(GLOBAL);
    return undefined;
  }

  sweep(): void {
    this.perClient?.sweep();
  }

  private trip(): void {
    const now = this.now();
    const ongoing = this.lastGlobalRefusal !== undefined && now - this.lastGlobalRefusal < TRIP_QUIET_MS;
    this.lastGlobalRefusal = now;
    if (!ongoing) this.onTrip();
  }
}
