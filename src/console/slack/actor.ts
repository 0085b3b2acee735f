/** Who acted in Slack, as the desk records it. */
import type { Actor } from '../../core/model.js';
import type { OwnerLanguage } from '../card.js';

export type UserLike = { id: string; name?: string; username?: string };

export function actorOf(user: UserLike, language: OwnerLanguage): Actor {
  const name = user.name ?? user.username;
  return { console: 'slack', userId: user.id, language, ...(name ? { name } : {}) };
}
