/** The app manifests in the repo match what the code listens to and calls. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SLACK_EVENTS_PATH } from '../../../src/console/slack/index.js';

interface Manifest {
  features: { slash_commands: { command: string; url?: string }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string; message_menu_options_url?: string };
    socket_mode_enabled: boolean;
  };
}

const read = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../src/console/slack/${name}`, import.meta.url), 'utf8'),
  ) as Manifest;

// Why each scope: chat:write → chat.postMessage/update/postEphemeral/getPermalink; commands → /cs;
// files:write → files.getUploadURLExternal/completeUploadExternal; files:read → url_private of a
// file the owner shares in a customer thread (sent to the customer); *:history → message events
// (owner notes) in a public or private support channel. No chat:write.customize: we never post
// with username/icon overrides (§7.8).
// im:write → conversations.open: a /cs export goes to the owner's direct messages only
const SCOPES = [
  'channels:history',
  'chat:write',
  'commands',
  'files:read',
  'files:write',
  'groups:history',
  'im:write',
];

for (const [file, socket] of [
  ['manifest.json', false],
  ['manifest.socket-mode.json', true],
] as const) {
  test(`${file}: exactly the scopes, events, command and interactivity the console uses`, () => {
    const m = read(file);
    assert.deepEqual([...m.oauth_config.scopes.bot].sort(), SCOPES);
    assert.deepEqual([...m.settings.event_subscriptions.bot_events].sort(), [
      'message.channels',
      'message.groups',
    ]);
    assert.deepEqual(
      m.features.slash_commands.map((c) => c.command),
      ['/cs'],
    );
    assert.equal(m.settings.interactivity.is_enabled, true);
    assert.equal(m.settings.socket_mode_enabled, socket);
    const urls = [
      m.features.slash_commands[0]?.url,
      m.settings.event_subscriptions.request_url,
      m.settings.interactivity.request_url,
      // The "Same person as…" picker loads its options from here (block_suggestion).
      m.settings.interactivity.message_menu_options_url,
    ];
    if (socket) assert.deepEqual(urls, [undefined, undefined, undefined, undefined]);
    else for (const url of urls) assert.equal(new URL(url ?? '').pathname, SLACK_EVENTS_PATH);
  });
}
