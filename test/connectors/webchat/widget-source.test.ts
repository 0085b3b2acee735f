/**
 * The widget is kept in parts (connectors/webchat/public/widget/) that share one function scope
 * once joined. Each part alone cannot be checked for undefined or unused names, so the joined
 * script — exactly what /chat/widget.js serves — is linted here with those rules on.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';
import { widgetSource } from '../../../connectors/webchat/assets.js';

test('the joined widget is one valid classic script with no undefined or unused names', async () => {
  const eslint = new ESLint({
    overrideConfigFile: true,
    overrideConfig: {
      languageOptions: {
        ecmaVersion: 2022,
        sourceType: 'script',
        globals: {
          window: 'readonly',
          document: 'readonly',
          navigator: 'readonly',
          WebSocket: 'readonly',
          setTimeout: 'readonly',
          clearTimeout: 'readonly',
          location: 'readonly',
          URL: 'readonly',
          Array: 'readonly',
          JSON: 'readonly',
          Math: 'readonly',
          Date: 'readonly',
          String: 'readonly',
          Number: 'readonly',
          Object: 'readonly',
          Promise: 'readonly',
        },
      },
      rules: { 'no-undef': 'error', 'no-unused-vars': 'error', 'no-redeclare': 'error' },
    },
  });
  const [result] = await eslint.lintText(widgetSource().toString('utf8'), { filePath: 'widget.js' });
  const problems = (result?.messages ?? []).map(
    (m) => `${m.line}:${m.column} ${m.ruleId ?? 'parse'}: ${m.message}`,
  );
  assert.deepEqual(problems, []);
});
