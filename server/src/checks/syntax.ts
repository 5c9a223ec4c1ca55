import { defineRule } from './rule';

// Findings the parsers recorded in each FileModel: unknown words, malformed values, renamed keywords.

export const unknownCommand = defineRule({
  id: 'syntax/unknown-command',
  family: 'syntax',
  defaultSeverity: 'warning',
  description: 'A keyword in tunnel-related configuration that the platform does not know.',
  messages: {
    suggest: 'Unknown command `{word}`: did you mean `{suggestion}`? Expected {expected}.',
    plain: 'Unknown command `{word}`: expected {expected}.',
  },
  fixable: true,
  check(ctx) {
    for (const f of ctx.ws.files) {
      for (const u of f.unknown) {
        const data = { word: u.word, expected: u.expected, suggestion: u.suggestion ?? '' };
        ctx.report({
          path: f.path,
          range: u.range,
          messageId: u.suggestion ? 'suggest' : 'plain',
          data,
          fixes: u.suggestion ? [{ title: `Replace \`${u.word}\` with \`${u.suggestion}\``, edits: [{ path: f.path, range: u.range, newText: u.suggestion }] }] : [],
        });
      }
    }
  },
});

export const invalidValue = defineRule({
  id: 'syntax/invalid-value',
  family: 'syntax',
  defaultSeverity: 'error',
  description: 'A value the platform would reject: a malformed address, a number out of range, a missing argument.',
  messages: { invalid: '{message}' },
  fixable: false,
  check(ctx) {
    for (const f of ctx.ws.files) {
      for (const v of f.invalid) ctx.report({ path: f.path, range: v.range, messageId: 'invalid', data: { message: v.message } });
    }
  },
});

export const deprecated = defineRule({
  id: 'syntax/deprecated',
  family: 'syntax',
  defaultSeverity: 'hint',
  description: 'A keyword the vendor has renamed; it still works, the new name is preferred.',
  messages: { renamed: '`{word}` is deprecated: use `{replacement}`.' },
  fixable: true,
  check(ctx) {
    for (const f of ctx.ws.files) {
      for (const d of f.deprecated) {
        ctx.report({
          path: f.path,
          range: d.range,
          messageId: 'renamed',
          data: { word: d.word, replacement: d.replacement },
          tags: ['deprecated'],
          fixes: [{ title: `Replace \`${d.word}\` with \`${d.replacement}\``, edits: [{ path: f.path, range: d.range, newText: d.replacement }] }],
        });
      }
    }
  },
});

export const syntaxRules = [unknownCommand, invalidValue, deprecated];
