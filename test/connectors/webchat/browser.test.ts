/**
 * End to end in headless Chromium: the demo page of a whole in-process desk (createDesk, the
 * website chat as composed by default, a recording owner console), driven by playwright-core.
 * Screenshots of the open widget go to test-output/ (the paths are printed).
 *
 * Needs Debian's chromium at /usr/bin/chromium; without it the test fails and says why.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createDesk, type Desk } from '../../../src/app.js';
import type { Actor } from '../../../src/core/model.js';
import type { DeskEvent } from '../../../src/core/ports.js';
import { recordingConsole, type RecordingConsole } from '../../support/recording-console.js';
import { stubClassifier, stubDrafter } from '../../support/stub-nlp.js';
import { testConfig } from '../../support/test-config.js';
import { chatUi as chat, hasFocus, launchChromium, screenshot as shot } from './chromium.js';

const owner: Actor = { console: 'recording', userId: 'owner-1', name: 'Owner' };

type Inbound = Extract<DeskEvent, { type: 'inbound' }>;

describe('website chat in a real browser', () => {
  let desk: Desk;
  let recorder: RecordingConsole;
  let browser: Browser;
  let foreign: Server;
  const contexts: BrowserContext[] = [];
  // Generous: the suite shares two cores with other test files.
  const waitFor = (predicate: (e: DeskEvent) => boolean) => recorder.waitFor(predicate, 20_000);

  before(async () => {
    browser = await launchChromium();
    recorder = recordingConsole();
    desk = await createDesk(testConfig(), {
      classifier: stubClassifier,
      drafter: stubDrafter,
      terminal: false,
      port: 0,
      outbox: { pollMs: 50, baseDelayMs: 10, maxDelayMs: 50 },
      consoles: [recorder],
    });
    await desk.start();
    // Another site that embeds the widget but is not an allowed origin.
    foreign = createServer((_req, res) => {
      res.setHeader('Content-Type', 'text/html');
      res.end(
        `<!doctype html><title>elsewhere</title><p>Another site</p><script src="${desk.url}/chat/widget.js"></script>`,
      );
    });
    await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    if (foreign) await new Promise((resolve) => foreign.close(resolve));
    await desk?.stop();
  });

  async function open(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
      ...options,
    });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${desk.url}/`);
    return page;
  }

  let first: Page;
  let customerId = '';
  let firstText = '';

  test('a visitor writes; the owner sees it with a draft, sends it, and the reply appears live', async () => {
    first = await open();
    const ui = chat(first);
    await ui.launcher.click();
    await ui.dialog.waitFor();
    assert.equal(await ui.launcher.getAttribute('aria-expanded'), 'true');
    // Focus moves into the panel, to the message box.
    assert.equal(await ui.input.evaluate(hasFocus), true);

    firstText = 'Where is my order #1042? It was due on Monday.';
    await ui.input.fill(firstText);
    await ui.input.press('Enter');

    const inbound = (await waitFor((e) => e.type === 'inbound' && e.message.text === firstText)) as Inbound;
    assert.equal(inbound.message.channel, 'webchat');
    assert.ok(inbound.draft, 'the console got a drafted reply');
    customerId = inbound.message.customerId;
    await ui.log.getByText(firstText).waitFor();
    await shot(first, 'webchat-desktop');

    const result = await recorder.desk().decide({ draftId: inbound.draft.id, actor: owner, action: 'send' });
    assert.equal(result.kind, 'queued');
    await ui.log.getByText(inbound.draft.text).waitFor();
    // The delivery comes back to the console: delivered, then read (the panel is open).
    await waitFor((e) => e.type === 'delivery' && e.job.delivery === 'read');
  });

  test('after a reload the conversation is still there', async () => {
    await first.reload();
    const ui = chat(first);
    await ui.dialog.waitFor(); // the panel remembers it was open
    await ui.log.getByText(firstText).waitFor();
    await ui.log.getByText('Hello, we are on it.').waitFor();
  });

  test('a reply that arrives while the panel is closed shows a badge and asks for an email', async () => {
    const ui = chat(first);
    await first.keyboard.press('Escape');
    await ui.dialog.waitFor({ state: 'hidden' });
    // Escape returns focus to the launcher.
    assert.equal(await ui.launcher.evaluate(hasFocus), true);

    const draft = await recorder.desk().note(customerId, 'It left our warehouse today.', owner);
    assert.ok(draft);
    await recorder.desk().decide({ draftId: draft.id, actor: owner, action: 'send' });
    await first.getByRole('button', { name: 'Open chat, 1 new reply' }).waitFor();

    await ui.launcher.click();
    await ui.log.getByText('It left our warehouse today.').waitFor();
    const email = first.getByRole('textbox', { name: 'Email address' });
    await email.waitFor();
    await shot(first, 'webchat-desktop-email');
    await email.fill('ann@example.com');
    await email.press('Enter');
    // A typed address is an unverified contact of the visitor (a claim), never an identity.
    const saved = await waitFor(
      (e) => e.type === 'customer' && (e.view.claims ?? []).some((c) => c.channel === 'email'),
    );
    assert.ok(saved.view.claims?.some((c) => c.channel === 'email' && c.address === 'ann@example.com'));
    assert.ok(!saved.view.identities.some((i) => i.channel === 'email'));
    await email.waitFor({ state: 'detached' });
  });

  test('after the owner resolves, the visitor rates with stars', async () => {
    const ui = chat(first);
    assert.equal((await recorder.desk().resolve(customerId, owner)).kind, 'ok');
    const stars = first.getByRole('group', { name: 'Rate our help, 1 to 5 stars' });
    await stars.waitFor();
    await shot(first, 'webchat-desktop-rating');
    // Keyboard: focus the first star, move right three times, press Enter ⇒ 4 stars.
    await stars.getByRole('button', { name: '1 star' }).focus();
    for (let i = 0; i < 3; i++) await first.keyboard.press('ArrowRight');
    await first.keyboard.press('Enter');
    const rated = await waitFor((e) => e.type === 'rating');
    assert.equal(rated.type === 'rating' && rated.rating.score, 4);
    assert.equal(rated.type === 'rating' && rated.rating.channel, 'webchat');
    await ui.log.getByText('Thanks for your rating!').waitFor();
    assert.equal(await stars.getByRole('button', { name: '4 star' }).getAttribute('aria-pressed'), 'true');
  });

  test('a second browser is another visitor and sees nothing of the first', async () => {
    const page = await open({ locale: 'zh-CN' });
    const ui = chat(page);
    await ui.launcher.click();
    await ui.dialog.waitFor();
    await ui.log.getByText('您好！有什么可以帮您？', { exact: false }).waitFor();
    const text = await ui.log.innerText();
    assert.ok(!text.includes(firstText) && !text.includes('warehouse'), 'no trace of the first visitor');

    await ui.input.fill('我的订单到哪里了？');
    await ui.input.press('Enter');
    const inbound = (await waitFor(
      (e) => e.type === 'inbound' && e.message.text === '我的订单到哪里了？',
    )) as Inbound;
    assert.notEqual(inbound.message.customerId, customerId, 'a different customer');
    await recorder.desk().decide({ draftId: inbound.draft!.id, actor: owner, action: 'send' });
    await ui.log.getByText('您好，我们正在处理。').waitFor();
  });

  test('phone-sized screens get a full-screen panel', async () => {
    const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
    for (const [locale, question, name] of [
      ['en-US', 'Do you ship to Canada?', 'webchat-phone'],
      ['zh-CN', '你好，请问可以开发票吗？', 'webchat-phone-zh'],
    ] as const) {
      const page = await open({ ...phone, locale });
      const ui = chat(page);
      await ui.launcher.click();
      await ui.input.fill(question);
      await ui.input.press('Enter');
      const inbound = (await waitFor((e) => e.type === 'inbound' && e.message.text === question)) as Inbound;
      await recorder.desk().decide({ draftId: inbound.draft!.id, actor: owner, action: 'send' });
      await ui.log.getByText(inbound.draft!.text).waitFor();
      const box = await ui.dialog.boundingBox();
      assert.ok(
        box && box.width === 390 && box.height === 844,
        `panel fills the screen: ${JSON.stringify(box)}`,
      );
      await shot(page, name);
    }
  });

  test('a page on a disallowed origin cannot open the chat, and its message goes nowhere', async () => {
    const before = recorder.events.filter((e) => e.type === 'inbound').length;
    const context = await browser.newContext({ locale: 'en-US' });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    const page = await context.newPage();
    const { port } = foreign.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/`);
    // The browser sends Origin http://127.0.0.1:<other port>: the upgrade is answered 403.
    const outcome = await page.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url);
          ws.onopen = () => resolve('open');
          ws.onclose = (e) => resolve(`closed ${e.code}`);
        }),
      `${desk.url.replace('http', 'ws')}/chat/ws`,
    );
    assert.equal(outcome, 'closed 1006');

    const ui = chat(page);
    await ui.launcher.click();
    await ui.input.fill('Hello from elsewhere');
    await ui.input.press('Enter');
    await ui.log.getByText('Waiting for connection', { exact: false }).waitFor();
    await page.waitForTimeout(300);
    assert.equal(
      recorder.events.filter((e) => e.type === 'inbound').length,
      before,
      'nothing reached the desk',
    );
  });
});
