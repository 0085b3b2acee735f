/**
 * A desk whose console is Discord, pointed at the emulator: the setup every Discord console test
 * shares (stub NLP, no terminal, an ephemeral port and a fast outbox), so each test says only
 * what differs — its connectors, clock, or extra variables.
 */
import { createDesk, type Desk, type DeskOverrides } from '../../src/app.js';
import { decodeAction } from '../../src/console/card.js';
import type { DiscordEmulator, FakeUser } from './discord-emulator/index.js';
import { silentLogger } from './discord-emulator/harness.js';
import { stubClassifier, stubDrafter } from './stub-nlp.js';
import { testConfig } from './test-config.js';

/** The variables that make the emulator's guild and forum the console, with `ownerIds` acting. */
export function discordConsoleVars(emu: DiscordEmulator, ownerIds: string): Record<string, string> {
  return {
    DISCORD_BOT_TOKEN: emu.token,
    DISCORD_API_URL: emu.apiUrl,
    DISCORD_GUILD_ID: emu.guildId,
    DISCORD_FORUM_CHANNEL_ID: emu.forumId,
    DISCORD_OWNER_IDS: ownerIds,
  };
}

/** Stub NLP, no terminal, port 0 and an outbox that retries within milliseconds. */
export function quickDeskOverrides(overrides: DeskOverrides = {}): DeskOverrides {
  return {
    logger: silentLogger(),
    classifier: stubClassifier,
    drafter: stubDrafter,
    terminal: false,
    port: 0,
    outbox: { pollMs: 50, baseDelayMs: 10, maxDelayMs: 50 },
    ...overrides,
  };
}

/** Creates and starts the desk; `vars` are added to (and may override) the Discord variables. */
export async function startDiscordDesk(
  emu: DiscordEmulator,
  ownerIds: string,
  { vars = {}, ...overrides }: DeskOverrides & { vars?: Record<string, string> } = {},
): Promise<Desk> {
  const desk = await createDesk(
    testConfig({ ...discordConsoleVars(emu, ownerIds), ...vars }),
    quickDeskOverrides(overrides),
  );
  await desk.start();
  return desk;
}

/** The card action ids (`sd1:…`) in a Discord message's components. */
export function actionIds(message: { components?: unknown }): string[] {
  return JSON.stringify(message.components ?? []).match(/sd1:[A-Za-z0-9_.:-]+/g) ?? [];
}

/** The message in `threadId` carrying a card button for `action`, once it shows, and that button's id. */
export async function cardButton(emu: DiscordEmulator, threadId: string, action: string) {
  const has = (x: string) => decodeAction(x)?.action === action;
  const message = await emu.waitFor(
    () => [...emu.messagesIn(threadId)].find((m) => actionIds(m).some(has)),
    8000,
    `a ${action} button`,
  );
  return { message, id: actionIds(message).find(has)! };
}

/**
 * Same person as… on a post's root card: the button (answered with a modal), the search in it
 * (answered with a deferred reply) and the private picker of matches it turns into.
 */
export async function samePersonPicker(emu: DiscordEmulator, owner: FakeUser, postId: string, query: string) {
  const same = await cardButton(emu, postId, 'same_person');
  const press = emu.click(owner, String(same.message.id), same.id);
  const opened = await emu.acknowledged(press);
  const search = emu.submitModal(owner, press, { query });
  const searched = await emu.acknowledged(search);
  const picker = await emu.waitFor(
    () => (search.followUps[0]?.edited_timestamp ? search.followUps[0] : undefined),
    8000,
    'the private picker',
  );
  return { opened: opened.type, searched: searched.type, picker };
}
