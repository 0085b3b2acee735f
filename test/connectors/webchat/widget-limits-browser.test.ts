/**
 * A refused new visitor in a real browser: the widget shows why in the visitor's language,
 * keeps it on screen (not "Connection lost"), and waits as the desk asked instead of
 * reconnecting at once; nothing reaches the desk.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { chatUi, launchChromium, screenshot } from './chromium.js';
import { startChatServer, type ChatServer } from './harness.js';

describe('chat widget refused by an intake limit', () => {
  let browser: Browser;
  let chat: ChatServer;
  const contexts: BrowserContext[] = [];

  before(async () => {
    browser = await launchChromium();
    chat = await startChatServer({ limits: { newVisitorsPerIpPerHour: 1 } });
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await chat?.close();
  });

  async function visitor(locale: string) {
    const context = await browser.newContext({ locale });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    const page = await context.newPage();
    let sockets = 0;
    page.on('websocket', () => (sockets += 1));
    await page.goto(`${chat.url}/`);
    return { page, ui: chatUi(page), sockets: () => sockets };
  }

  test('the first visitor chats; the next new ones are told why, in English and in Chinese', async () => {
    const first = await visitor('en-US');
    await first.ui.launcher.click();
    await first.ui.input.fill('First one in');
    await first.ui.input.press('Enter');
    await first.ui.log.getByText('First one in').waitFor();
    await first.page.waitForFunction(
      () => !document.querySelector('#solodesk-chat')?.shadowRoot?.querySelector('[data-state=pending]'),
    );

    const en = await visitor('en-US');
    await en.ui.launcher.click();
    await en.ui.status.getByText('Too many new chats from your network').waitFor();
    await en.ui.input.fill('Let me in');
    await en.ui.input.press('Enter');
    // Several seconds later: still the reason (not "Connection lost"), and no reconnect storm.
    await en.page.waitForTimeout(3000);
    assert.match((await en.ui.status.textContent()) ?? '', /Too many new chats from your network/);
    assert.equal(en.sockets(), 1, 'the widget waits as the desk asked before trying again');

    const zh = await visitor('zh-CN');
    await zh.ui.launcher.click();
    await zh.ui.status.getByText('您所在的网络发起的新对话太多').waitFor();
    await screenshot(en.page, 'widget-refused-en');
    await screenshot(zh.page, 'widget-refused-zh');

    assert.deepEqual(
      chat.intake.messages.map((m) => m.text),
      ['First one in'],
      'refused visitors reach nothing',
    );
  });
});
