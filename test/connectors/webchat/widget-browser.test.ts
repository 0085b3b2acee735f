/**
 * The widget's own behaviour in headless Chromium, against the chat connector on a plain
 * server with a recording Intake: keyboard use, email prompts, reconnect with resend, a
 * tampered stored id, limits, and embedding on another (allowed) site.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chatUi, hasFocus, launchChromium } from './chromium.js';
import { addressOf, startChatServer, type ChatServer } from './harness.js';

describe('chat widget in a real browser', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const servers: ChatServer[] = [];

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    for (const s of servers) await s.close().catch(() => undefined);
  });

  async function server(...args: Parameters<typeof startChatServer>): Promise<ChatServer> {
    const s = await startChatServer(...args);
    servers.push(s);
    return s;
  }
  async function page(url: string, locale = 'en-US'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    const p = await context.newPage();
    await p.goto(url);
    return p;
  }

  test('keyboard only: Tab to the button, Enter opens, Enter sends, Escape closes', async () => {
    const chat = await server();
    const p = await page(`${chat.url}/`);
    const ui = chatUi(p);
    await ui.launcher.waitFor();
    await p.keyboard.press('Tab');
    assert.equal(await ui.launcher.evaluate(hasFocus), true, 'the chat button is reachable by Tab');
    await p.keyboard.press('Enter');
    await ui.dialog.waitFor();
    assert.equal(await ui.input.evaluate(hasFocus), true, 'focus moves to the message box');
    await p.keyboard.type('Typed without a mouse');
    await p.keyboard.press('Enter');
    await ui.log.getByText('Typed without a mouse').waitFor();
    await p.waitForFunction(
      () => !document.querySelector('#solodesk-chat')?.shadowRoot?.querySelector('[data-state=pending]'),
    );
    assert.equal(chat.intake.messages.at(-1)?.text, 'Typed without a mouse');
    await p.keyboard.press('Escape');
    await ui.dialog.waitFor({ state: 'hidden' });
    assert.equal(await ui.launcher.evaluate(hasFocus), true, 'focus returns to the chat button');
    assert.equal(await ui.launcher.getAttribute('aria-expanded'), 'false');
  });

  test('when the owner is offline the widget asks for an email at once', async () => {
    const chat = await server({ ownerOnline: () => false });
    const p = await page(`${chat.url}/`);
    const ui = chatUi(p);
    await ui.launcher.click();
    const email = p.getByRole('textbox', { name: 'Email address' });
    await email.waitFor();
    await email.fill('not an email');
    await p.getByRole('button', { name: 'Save' }).click();
    assert.equal(chat.intake.claims.length, 0, 'the browser’s own check stops a malformed address');
    await email.fill('bob@example.org');
    await p.getByRole('button', { name: 'Save' }).click();
    await ui.status.getByText('Thanks! We will email you').waitFor();
    assert.equal(chat.intake.claims[0]?.identity.address, 'bob@example.org');
  });

  test('with no reply in time the widget asks for an email; "Not now" puts it away', async () => {
    const chat = await server({ limits: { emailPromptAfterMs: 300 } });
    const p = await page(`${chat.url}/`, 'zh-CN');
    const ui = chatUi(p);
    await ui.launcher.click();
    await ui.input.fill('有人吗？');
    await ui.input.press('Enter');
    const email = p.getByRole('textbox', { name: '邮箱地址' });
    await email.waitFor();
    await p.getByRole('button', { name: '以后再说' }).click();
    await email.waitFor({ state: 'detached' });
    assert.equal(await ui.input.evaluate(hasFocus), true, 'focus goes back to the message box');
  });

  test('messages typed while the desk is down are sent once, in order, when it is back', async () => {
    const first = await server();
    const p = await page(`${first.url}/`);
    const ui = chatUi(p);
    await ui.launcher.click();
    await ui.input.fill('Before the outage');
    await ui.input.press('Enter');
    await p.waitForFunction(
      () => !document.querySelector('#solodesk-chat')?.shadowRoot?.querySelector('[data-state=pending]'),
    );
    const port = Number(new URL(first.url).port);
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    await ui.status.getByText('Connection lost').waitFor();

    const typed = ['During the outage', ...Array.from({ length: 7 }, (_, i) => `queued ${i + 1}`)];
    for (const text of typed) {
      await ui.input.fill(text);
      await ui.input.press('Enter');
    }
    await ui.log.getByText('Waiting for connection', { exact: false }).first().waitFor();

    // The desk comes back on the same address with the same data: the widget reconnects and resends.
    const second = await server({}, undefined, first.dataDir, port);
    await p.waitForFunction(
      () => !document.querySelector('#solodesk-chat')?.shadowRoot?.querySelector('[data-state=pending]'),
    );
    assert.deepEqual(
      second.intake.messages.map((m) => m.text),
      typed,
      'each queued message once, in order',
    );
    const text = await ui.log.innerText();
    assert.ok(text.includes('Before the outage') && text.includes('During the outage'));
    assert.equal(text.split('During the outage').length - 1, 1, 'shown once');
  });

  test('an edited visitor id in localStorage is refused: the browser starts as a new visitor', async () => {
    const chat = await server();
    const p = await page(`${chat.url}/`);
    const ui = chatUi(p);
    await ui.launcher.click();
    await ui.input.fill('My secret order');
    await ui.input.press('Enter');
    await p.waitForFunction(
      () => !document.querySelector('#solodesk-chat')?.shadowRoot?.querySelector('[data-state=pending]'),
    );
    const token = await p.evaluate(() => localStorage.getItem('solodesk.visitor'));
    assert.ok(token);
    // Pretend to be someone else: swap in another address, keep the signature.
    const forged = token.replace(addressOf(token), `wc_${'A'.repeat(22)}`);
    await p.evaluate((t) => localStorage.setItem('solodesk.visitor', t), forged);
    await p.reload();
    await ui.dialog.waitFor();
    await p.waitForFunction((bad) => {
      const t = localStorage.getItem('solodesk.visitor');
      return t !== null && t !== bad;
    }, forged);
    const fresh = await p.evaluate(() => localStorage.getItem('solodesk.visitor'));
    assert.notEqual(fresh, token, 'a new id, not the old one back');
    assert.ok(!(await ui.log.innerText()).includes('My secret order'));
  });

  test('limits: too long is stopped in the page, too many per minute waits', async () => {
    const chat = await server({ limits: { maxMessageLength: 20, messagesPerMinute: 1 } });
    const p = await page(`${chat.url}/`);
    const ui = chatUi(p);
    await ui.launcher.click();
    // The page learns the limits from the desk's welcome; wait for it (the id is stored then).
    await p.waitForFunction(() => localStorage.getItem('solodesk.visitor') !== null);
    await ui.input.fill('This message is far longer than twenty characters');
    await ui.input.press('Enter');
    await ui.status.getByText('too long').waitFor();
    await ui.input.fill('first');
    await ui.input.press('Enter');
    await ui.input.fill('second');
    await ui.input.press('Enter');
    await ui.status.getByText('Too many messages').waitFor();
    assert.deepEqual(
      chat.intake.messages.map((m) => m.text),
      ['first'],
    );
    assert.equal(await ui.log.locator('[data-state=pending]').count(), 1, '"second" waits in the outbox');
  });

  test('embedded on another site listed in WEBCHAT_ORIGINS, the chat works', async () => {
    const site: Server = createServer((_req, res) => {
      res.setHeader('Content-Type', 'text/html');
      res.end(`<!doctype html><title>shop</title><h1>Shop</h1><script src="${widgetSrc}" async></script>`);
    });
    let widgetSrc = '';
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `http://localhost:${(site.address() as AddressInfo).port}`;
      const chat = await server({ origins: [origin] });
      widgetSrc = `${chat.url}/chat/widget.js`;
      const p = await page(`${origin}/`);
      const ui = chatUi(p);
      await ui.launcher.click();
      await ui.input.fill('Hello from the shop');
      await ui.input.press('Enter');
      await p.waitForFunction(
        () => !document.querySelector('#solodesk-chat')?.shadowRoot?.querySelector('[data-state=pending]'),
      );
      assert.equal(chat.intake.messages.at(-1)?.text, 'Hello from the shop');
    } finally {
      site.closeAllConnections();
      await new Promise((resolve) => site.close(resolve));
    }
  });
});
