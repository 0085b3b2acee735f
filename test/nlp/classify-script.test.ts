import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function run(input: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/classify.ts'], {
      cwd: ROOT,
      stdio: 'pipe',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(input);
  });
}

const FIELDS = [
  'language',
  'intent',
  'confidence',
  'urgency',
  'urgencyConfidence',
  'sentiment',
  'requestedChannel',
  'recommendedChannel',
  'reason',
  'entities',
  'draft',
];

describe('npm run classify (scripts/classify.ts)', () => {
  it('answers one clean JSON line per input line, in order', async () => {
    const inputs = [
      { text: 'Where is my order #1042? Please text me.', channel: 'sms' },
      { text: '我需要通过电子邮件查询订单状态。' },
      { text: 'The app crashes when I log in', channel: 'email' },
      { text: '太感谢了，东西很漂亮！', channel: 'wechat-not-a-channel' },
    ];
    const lines = [
      ...inputs.map((i) => JSON.stringify(i)),
      '{"text": 42}',
      'not json',
      JSON.stringify({ text: 'hi' }),
    ];
    const { stdout, code } = await run(lines.join('\n') + '\n');
    assert.equal(code, 0);
    const out = stdout.trimEnd().split('\n');
    assert.equal(out.length, lines.length, stdout);
    const parsed = out.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const i of [0, 1, 2, 3, 6]) assert.deepEqual(Object.keys(parsed[i] ?? {}), FIELDS);
    assert.deepEqual(
      parsed.slice(0, 4).map((p) => [p.language, p.intent, p.requestedChannel]),
      [
        ['en', 'order', 'sms'],
        ['zh', 'order', 'email'],
        ['en', 'technical_issue', 'none'],
        ['zh', 'feedback_praise', 'none'],
      ],
    );
    assert.equal(parsed[1]?.recommendedChannel, 'email');
    assert.ok(typeof parsed[0]?.draft === 'string' && (parsed[0].draft as string).includes('1042'));
    assert.ok('error' in (parsed[4] ?? {}) && 'error' in (parsed[5] ?? {}));
  });

  it('writes nothing for empty input', async () => {
    const { stdout, code } = await run('');
    assert.equal(code, 0);
    assert.equal(stdout, '');
  });
});
