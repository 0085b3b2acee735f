// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'dist-bundle/', 'data/', 'coverage/', '**/*.min.js', 'test-output/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // Plain Node scripts (the classifier's probe scorer).
    files: ['**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
  },
  {
    // The widget runs in browsers: plain script, browser globals.
    files: ['connectors/webchat/public/**/*.js'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        localStorage: 'readonly',
        navigator: 'readonly',
        WebSocket: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        console: 'readonly',
        location: 'readonly',
        URL: 'readonly',
      },
    },
  },
  {
    // The widget's parts (public/widget/*.js) run joined inside one function (see assets.ts):
    // a top-level return is fine, and names defined in one part are used in another.
    files: ['connectors/webchat/public/widget/*.js'],
    languageOptions: { sourceType: 'script', parserOptions: { ecmaFeatures: { globalReturn: true } } },
    rules: { 'no-undef': 'off', 'no-unused-vars': 'off', '@typescript-eslint/no-unused-vars': 'off' },
  },
);
