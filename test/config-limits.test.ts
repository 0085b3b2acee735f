/** The public doors' variables (src/config-limits.ts): defaults, accepted forms, errors naming the variable. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';
import { tempDir } from './support/test-config.js';

const NO_FILE = { dotEnvPath: '/nonexistent/.env' };
const load = (env: Record<string, string> = {}) => loadConfig({ DATA_DIR: tempDir(), ...env }, NO_FILE);

describe('config: intake limits', () => {
  it('has sensible defaults', () => {
    const c = load();
    assert.equal(c.TRUST_PROXY, 'off');
    assert.equal(c.WEBCHAT_ENABLED, true);
    assert.equal(c.WEBCHAT_CONNECTIONS_PER_IP, 20);
    assert.equal(c.WEBCHAT_NEW_VISITORS_PER_IP, 20);
    assert.equal(c.WEBCHAT_NEW_VISITORS_PER_HOUR, 300);
    assert.equal(c.WEBCHAT_TRANSCRIPT_DAYS, 90);
    assert.equal(c.QUERY_RATE_PER_MINUTE, 60);
    assert.equal(c.HEALTH_TOKEN, undefined);
  });

  it('reads TRUST_PROXY as off, on (all hops) or a number of proxies', () => {
    assert.equal(load({ TRUST_PROXY: 'false' }).TRUST_PROXY, 'off');
    assert.equal(load({ TRUST_PROXY: '0' }).TRUST_PROXY, 'off');
    assert.equal(load({ TRUST_PROXY: 'on' }).TRUST_PROXY, 'all');
    assert.equal(load({ TRUST_PROXY: 'TRUE' }).TRUST_PROXY, 'all');
    assert.equal(load({ TRUST_PROXY: '2' }).TRUST_PROXY, 2);
    assert.equal(load({ WEBCHAT_ENABLED: 'off' }).WEBCHAT_ENABLED, false);
    assert.equal(load({ WEBCHAT_ENABLED: 'false' }).WEBCHAT_ENABLED, false);
  });

  it('names the variable on a bad value and never echoes HEALTH_TOKEN', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ TRUST_PROXY: 'loopback' }, /TRUST_PROXY: expected off, on, or the number of proxies/],
      [{ WEBCHAT_ENABLED: 'maybe' }, /WEBCHAT_ENABLED: expected on or off/],
      [{ WEBCHAT_NEW_VISITORS_PER_IP: '-1' }, /WEBCHAT_NEW_VISITORS_PER_IP: expected 0 or more/],
      [{ WEBCHAT_TRANSCRIPT_DAYS: 'forever' }, /WEBCHAT_TRANSCRIPT_DAYS: expected a whole number/],
      [{ QUERY_RATE_PER_MINUTE: '1.5' }, /QUERY_RATE_PER_MINUTE: expected a whole number/],
      [{ HEALTH_TOKEN: 'short-secret' }, /HEALTH_TOKEN: expected at least 16 characters/],
    ];
    for (const [env, message] of cases) {
      assert.throws(
        () => load(env),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.match(error.message, message);
          assert.doesNotMatch(error.message, /short-secret/);
          return true;
        },
      );
    }
  });
});
