/** Constants shared by the Slack tests; light to import (no desk). */
import type { Logger } from '../../../src/core/ports.js';
import { createLogger } from '../../../src/logging/logger.js';

export const SIGNING_SECRET = 'slack-signing-secret-for-tests';
export const OWNER = 'U0OWNER';
export const STRANGER = 'U0STRANGER';
export const SUPPORT = 'C0SUPPORT';

/** Test pacing: short gaps, matched by the emulator's rate window, set only through options. */
export const FAST = { pacing: { postMs: 30, updateMs: 5 }, postWindowMs: 20 };

export const silentLogger: Logger = createLogger('silent');
