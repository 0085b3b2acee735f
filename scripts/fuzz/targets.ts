/**
 * The HTTP routes the fuzz pass hits, each with a generator of inputs that are invalid by
 * construction (so nothing may be stored for them) and what the route must answer:
 *   - `reject`: a 4xx (unsigned, wrongly signed, unknown token, malformed body);
 *   - `no5xx`: validly signed but malformed — a 4xx, or a 2xx that only acknowledges (platforms
 *     retry anything else forever), never a 5xx.
 */
import type { Rng } from '../soak/rng.js';
import { csatTarget, queryTarget } from './targets/desk-routes.js';
import { metaTarget } from './targets/meta.js';
import { slackTarget } from './targets/slack.js';
import { telegramTarget } from './targets/telegram.js';
import { twilioTargets } from './targets/twilio.js';

export interface FuzzInput {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  expect: 'reject' | 'no5xx';
}

export interface HttpTarget {
  name: string;
  make(rng: Rng, publicUrl: string): FuzzInput;
  /**
   * One valid input, sent first: it must be answered 2xx (and, for a message route, stored),
   * which proves the signing above is right and the fuzz reaches the parser.
   */
  control?(publicUrl: string): FuzzInput & { stores: boolean };
}

export function httpTargets(): HttpTarget[] {
  return [...twilioTargets(), metaTarget, telegramTarget, slackTarget, csatTarget, queryTarget];
}
