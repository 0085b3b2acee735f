/** What the Discord emulator's gateway sends a client that identifies (gateway.ts sends it). */
import { randomBytes } from 'node:crypto';
import type { EmulatorState, FakeChannel, FakeUser, Json } from './state.js';
import { snowflake } from './wire.js';

/** The READY dispatch after IDENTIFY: the bot, its one guild (unavailable until GUILD_CREATE). */
export function readyPayload(state: EmulatorState): Json {
  return {
    v: 10,
    user: { ...state.bot, verified: true, flags: 0, mfa_enabled: false },
    guilds: [{ id: state.guildId, unavailable: true }],
    session_id: randomBytes(16).toString('hex'),
    resume_gateway_url: state.apiUrl.replace(/^http/, 'ws').replace(/\/api$/, '/gateway'),
    application: { id: state.applicationId, flags: 1 << 19 },
    private_channels: [],
    relationships: [],
    shard: [0, 1],
  };
}

/** GUILD_CREATE: the shop's guild with its roles, the bot member, the forum and its open threads. */
export function guildPayload(state: EmulatorState): Json {
  return {
    id: state.guildId,
    name: 'Shop',
    icon: null,
    owner_id: snowflake(),
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    features: [],
    mfa_level: 0,
    premium_tier: 0,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    large: false,
    unavailable: false,
    member_count: 2,
    joined_at: new Date().toISOString(),
    roles: [state.everyoneRoleId, state.ownerRoleId].map((id, position) => ({
      id,
      name: position === 0 ? '@everyone' : 'Support owner',
      permissions: '0',
      position,
      color: 0,
      hoist: false,
      managed: false,
      mentionable: false,
      flags: 0,
    })),
    emojis: [],
    stickers: [],
    members: [
      {
        user: state.bot,
        roles: [],
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
      },
    ],
    channels: [state.forum()],
    threads: state.threads().filter((t) => !(t.thread_metadata as Json)?.archived),
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** Who acts, where, with which permissions: the part of an INTERACTION_CREATE besides its id and data. */
export function interactionContext(
  applicationId: string,
  user: FakeUser,
  channel: FakeChannel,
  roles: string[],
): Json {
  const where = channel.guild_id
    ? {
        guild_id: channel.guild_id,
        guild: { id: channel.guild_id, locale: 'en-US', features: [] },
        member: {
          user,
          roles,
          permissions: '2248473465835073',
          joined_at: new Date().toISOString(),
          deaf: false,
          mute: false,
          flags: 0,
        },
        context: 0,
      }
    : { user, context: 1 };
  return {
    application_id: applicationId,
    version: 1,
    channel_id: channel.id,
    channel: { ...channel },
    app_permissions: '2248473465835073',
    locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: {},
    attachment_size_limit: 10485760,
    ...where,
  };
}
