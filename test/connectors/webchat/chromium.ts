/**
 * Debian's Chromium for the browser tests. When it is missing the test FAILS and says why:
 * a browser test that silently passes proves nothing.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
// The flags these machines need (no sandbox as root, no background network in a closed network).
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    const why = `Chromium is not installed at ${CHROMIUM}: run \`apt-get install -y chromium\` (scripts/install-test-deps.sh does).`;
    console.error(`BROWSER TEST CANNOT RUN: ${why}`);
    throw new Error(why);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

const OUT = fileURLToPath(new URL('../../../test-output/', import.meta.url));

/** Writes a screenshot to test-output/<name>.png and prints the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const path = `${OUT}${name}.png`;
  await page.screenshot({ path });
  console.log(`screenshot: ${path}`);
  return path;
}

/** The widget's parts, found the way a person (or a screen reader) finds them. */
export function chatUi(page: Page) {
  return {
    launcher: page.getByRole('button', { name: /^(Open chat|打开聊天)/ }),
    dialog: page.getByRole('dialog'),
    log: page.getByRole('log'),
    input: page.getByRole('textbox', { name: /^(Message|消息)$/ }),
    status: page.getByRole('status'),
  };
}

/** True when `locator`'s element has the focus inside the widget's shadow root. */
export const hasFocus = (el: Element) => el === (el.getRootNode() as ShadowRoot).activeElement;
