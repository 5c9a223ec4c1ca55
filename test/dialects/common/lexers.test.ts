import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Lexer, type ILexingResult, type IToken, type TokenType } from 'chevrotain';
import * as cisco from '../../../server/src/dialects/cisco/lexer';
import * as linux from '../../../server/src/dialects/linux/lexer';
import * as rtx from '../../../server/src/dialects/rtx/lexer';
import * as vyos from '../../../server/src/dialects/vyos/lexer';

// The line-oriented dialects lex by hand (common/scanner.ts) for speed; their token types keep the patterns
// as the specification. Each hand scanner must produce exactly what chevrotain's regex lexer makes of those
// patterns: the same tokens with the same positions, the same comments, the same errors.

interface Case {
  name: string;
  allTokens: TokenType[];
  lexer: { tokenize(text: string): ILexingResult };
  /** Characters that matter to this dialect's lexing, for generated input. */
  alphabet: string[];
  fixtures: string;
}

const root = path.resolve(__dirname, '../../..');
const common = ['a', 'Z', '0', '7', '.', '-', '/', ':', ' ', '\t', '\n', '\r', '\r\n', '"', '\u3000', '\u00a0', '\u2028', '\u0000', 'é'];
const cases: Case[] = [
  {
    name: 'cisco',
    allTokens: cisco.allTokens,
    lexer: cisco.ciscoLexer,
    alphabet: [...common, '!', '#', '(', ')', '_', 'R1#', 'r(config-if)#', '(x)#', '^C'],
    fixtures: 'test/dialects/cisco/fixtures',
  },
  {
    name: 'vyos',
    allTokens: vyos.allTokens,
    lexer: vyos.vyosLexer,
    alphabet: [...common, "'", '#', '{', '}', '\\', '/*', '*/', '//', 'set', '=', 'tun0'],
    fixtures: 'test/dialects/vyos/fixtures',
  },
  {
    name: 'rtx',
    allTokens: rtx.allTokens,
    lexer: rtx.rtxLexer,
    alphabet: [...common, '#', ';', '//', '!', 'tunnel', '*'],
    fixtures: 'test/dialects/rtx/fixtures',
  },
  {
    name: 'linux',
    allTokens: linux.allTokens,
    lexer: linux.shellLexer,
    alphabet: [...common, "'", '`', '\\', '$', '${', '$(', '(', ')', '}', '#', ';', ';;', '&', '&&', '|', '||', '<', '>', '<<', '<<<', '<<-', '>>', '2>', '&>', '>|', '<>', '¬', '=', 'ip'],
    fixtures: 'test/dialects/linux/fixtures',
  },
];

const shape = (t: IToken) => [t.image, t.startOffset, t.endOffset, t.startLine, t.endLine, t.startColumn, t.endColumn, t.tokenType.name];
function lexed(r: ILexingResult) {
  return {
    tokens: r.tokens.map(shape),
    groups: Object.fromEntries(Object.entries(r.groups).map(([k, v]) => [k, v.map(shape)])),
    errors: r.errors.map((e) => [e.offset, e.line, e.column, e.length, e.message]),
  };
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe.each(cases)('$name hand-written lexer', (c) => {
  const reference = new Lexer(c.allTokens, { positionTracking: 'full', ensureOptimizations: false });
  const same = (text: string) => expect(lexed(c.lexer.tokenize(text))).toEqual(lexed(reference.tokenize(text)));

  it('lexes the fixtures and examples exactly as the token patterns do', () => {
    for (const f of [...files(path.join(root, c.fixtures)), ...files(path.join(root, 'examples'))]) same(readFileSync(f, 'utf8'));
  });

  it('lexes any mix of its significant characters exactly as the token patterns do', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...c.alphabet), { maxLength: 60 }), (parts) => {
        same(parts.join(''));
      }),
      { numRuns: 2000 },
    );
  });
});
