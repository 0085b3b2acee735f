/**
 * The whole product, end to end, on ONE desk built by createDesk from environment variables:
 * Slack console (HTTP mode), Twilio SMS + WhatsApp, Meta Messenger, Telegram (webhook mode)
 * and website chat, all at once, each against its local emulator. Customers write on their
 * platforms; the owner reads and taps in Slack (signed requests, as Slack sends them); each
 * test asserts what the customer received and what the owner sees.
 *
 * The tests run in order and build on each other (one desk, one store, one Slack channel),
 * like a day at the desk: the scenes are in omnichannel/, the customers' numbers in its cast.ts.
 */
import { after, before } from 'node:test';
import { closeDesk, openDesk } from './omnichannel/cast.js';
import { peopleScenes } from './omnichannel/people.js';
import { ratingScenes } from './omnichannel/ratings.js';
import { replyingScenes } from './omnichannel/replying.js';
import { safetyScenes } from './omnichannel/safety.js';

before(openDesk);
after(closeDesk);

// In this order: each scene builds on the ones before it.
replyingScenes();
peopleScenes();
ratingScenes();
safetyScenes();
