/**
 * Which consoles already showed an inbound message, kept per console (issue 15, soak
 * finding). A message counts as presented once every console took it, but each console's
 * own progress is recorded as soon as it took the message (`presented:<messageId>` in that
 * console's refs), so a restart re-presents a message only to the consoles that missed it
 * — Discord does not redraw the backlog that Slack, paced at one post a second, was still
 * posting when the desk died.
 */
import type { Store } from './ports.js';

const keyOf = (messageId: string) => `presented:${messageId}`;

export async function presentedTo(
  store: Store,
  consoles: readonly string[],
  messageId: string,
): Promise<Set<string>> {
  const marks = await Promise.all(consoles.map((name) => store.getRef(name, keyOf(messageId))));
  return new Set(consoles.filter((_, i) => marks[i] !== undefined));
}

export function markPresentedTo(store: Store, consoleName: string, messageId: string): Promise<void> {
  return store.setRef(consoleName, keyOf(messageId), '1');
}
