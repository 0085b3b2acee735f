/** Who acted in Discord, as the desk records it, and the roles that can make them an owner. */
import type { APIInteractionGuildMember, GuildMember, User } from 'discord.js';
import type { Actor } from '../../core/model.js';
import type { OwnerLanguage } from '../card.js';

export function rolesOf(member: GuildMember | APIInteractionGuildMember | null | undefined): string[] {
  if (!member) return [];
  return Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
}

/** Who acted, with the owner language: the core answers the actor (refusals, notices) in it. */
export function actorOf(user: User, language: OwnerLanguage): Actor {
  return { console: 'discord', userId: user.id, name: user.globalName ?? user.username, language };
}
