import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, parseDotEnv } from '../src/config.js';
import { tempDir } from './support/test-config.js';

const NO_FILE = { dotEnvPath: '/nonexistent/.env' };

describe('config', () => {
  it('runs with no environment at all: defaults, and a generated APP_SECRET kept in DATA_DIR', () => {
    const dir = tempDir();
    const config = loadConfig({ DATA_DIR: dir }, NO_FILE);
    assert.equal(config.PORT, 3000);
    assert.equal(config.PUBLIC_URL, 'http://localhost:3000');
    assert.ok(config.APP_SECRET.length >= 32);
    assert.ok(existsSync(join(dir, 'app-secret')));
    assert.equal(
      loadConfig({ DATA_DIR: dir }, NO_FILE).APP_SECRET,
      config.APP_SECRET,
      'the secret survives restarts',
    );
  });

  it('names the variable and what it expects, and never echoes a secret', () => {
    const secret = 'AC-not-a-valid-sid-but-secretish';
    try {
      loadConfig(
        { DATA_DIR: tempDir(), PORT: 'eighty', TWILIO_ACCOUNT_SID: secret, TZ: 'Mars/Olympus' },
        NO_FILE,
      );
      assert.fail('should have thrown');
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      assert.match(err.message, /PORT: expected a port number/);
      assert.match(err.message, /TWILIO_ACCOUNT_SID: expected AC followed by 32 hex digits/);
      assert.match(err.message, /TZ: expected an IANA time zone/);
      assert.ok(!err.message.includes(secret), 'the bad value is not printed');
    }
  });

  it('checks the WeChat Token and EncodingAESKey shapes, naming the variable', () => {
    const key = 'short-aes-key-secretish';
    assert.throws(
      () => loadConfig({ DATA_DIR: tempDir(), WECHAT_TOKEN: 'x!', WECHAT_ENCODING_AES_KEY: key }, NO_FILE),
      (err: Error) =>
        err instanceof ConfigError &&
        /WECHAT_TOKEN: expected 3–32 letters and digits/.test(err.message) &&
        /WECHAT_ENCODING_AES_KEY: expected the 43-character EncodingAESKey/.test(err.message) &&
        !err.message.includes(key),
    );
    const ok = loadConfig(
      { DATA_DIR: tempDir(), WECHAT_TOKEN: 'desktoken42', WECHAT_ENCODING_AES_KEY: 'a'.repeat(43) },
      NO_FILE,
    );
    assert.equal(ok.WECHAT_TOKEN, 'desktoken42');
  });

  it('reads a .env file, with the process environment taking precedence', () => {
    const dir = tempDir();
    const file = join(dir, '.env');
    writeFileSync(file, '# comment\nPORT=4000\nSLACK_OWNER_IDS="U1, U2"\nLOG_LEVEL=debug # inline\n');
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'warn' }, { dotEnvPath: file });
    assert.equal(config.PORT, 4000);
    assert.deepEqual(config.SLACK_OWNER_IDS, ['U1', 'U2']);
    assert.equal(config.LOG_LEVEL, 'warn');
    assert.deepEqual(parseDotEnv("A='x y'\nexport B=2"), { A: 'x y', B: '2' });
    assert.ok(readFileSync(file, 'utf8').includes('PORT=4000'));
  });
});
