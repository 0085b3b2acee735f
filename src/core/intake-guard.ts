/**
 * The pipeline's answer to an inbound item that could not be stored: count the failure in
 * the store and rethrow (the connector retries), or — after the same failure
 * `maxAttempts` times in a row — set it aside, tell the owner, and answer `ignored` so the
 * connector moves on (the IMAP checkpoint passes it, a webhook is acknowledged).
 */
import { buildCustomerView, type ConsoleHub } from './console-hub.js';
import {
  DEFAULT_MAX_INTAKE_ATTEMPTS,
  errorSignature,
  nextFailure,
  setAsideNotice,
} from './intake-failures.js';
import type { Clock, InboundMessage, IntakeResult, Logger, Store } from './ports.js';

export interface IntakeGuardDeps {
  store: Store;
  consoles: ConsoleHub;
  clock: Clock;
  logger: Logger;
}

export interface IntakeGuardOptions {
  /** Default DEFAULT_MAX_INTAKE_ATTEMPTS. */
  maxIntakeAttempts?: number;
  ownerLanguage?: string;
}

export async function afterIntakeFailure(
  deps: IntakeGuardDeps,
  options: IntakeGuardOptions,
  inbound: InboundMessage,
  address: string,
  err: unknown,
): Promise<IntakeResult> {
  const { store, logger } = deps;
  const signature = errorSignature(err);
  let failure;
  try {
    const previous = await store.getIntakeFailure(inbound.channel, inbound.externalId);
    failure = nextFailure(
      previous,
      inbound,
      signature,
      deps.clock.now(),
      options.maxIntakeAttempts ?? DEFAULT_MAX_INTAKE_ATTEMPTS,
    );
    await store.putIntakeFailure(failure);
    if (previous?.setAsideAt) return setAside(failure.attempts);
  } catch {
    // The store cannot even record the failure: an outage, not this item. Retry it later.
    throw err;
  }
  if (!failure.setAsideAt) {
    logger.warn(
      { channel: inbound.channel, failure: signature, attempts: failure.attempts },
      'inbound message could not be stored; the connector will retry it',
    );
    throw err;
  }
  logger.error(
    { channel: inbound.channel, failure: signature, attempts: failure.attempts },
    'inbound message set aside after repeated failures',
  );
  try {
    const customer = await store.findCustomerByIdentity(inbound.channel, address);
    const view = customer ? await buildCustomerView(store, customer.id) : undefined;
    const text = setAsideNotice(failure, options.ownerLanguage);
    if (view) await deps.consoles.publish({ type: 'notice', view, text });
    else logger.error({ channel: inbound.channel }, 'no customer thread to show the set-aside notice in');
  } catch (notifyErr) {
    logger.warn({ err: (notifyErr as Error).message }, 'set-aside notice failed');
  }
  return setAside(failure.attempts);
}

function setAside(attempts: number): IntakeResult {
  return { kind: 'ignored', reason: `set aside after ${attempts} failed attempts to store it` };
}
