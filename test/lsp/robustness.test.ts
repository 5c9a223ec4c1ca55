import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serverFor, uriOf } from './harness';

// The server must survive hostile clients: garbage on the wire, unknown methods, changes to documents it
// never saw, and a flood of edits — and still end with correct answers.

describe('language server robustness', () => {
  const s = serverFor(['gre-vyoshkg1.vyos', 'gre-vyostok1.vyos']);

  it('answers after malformed JSON-RPC messages', async () => {
    const garbage = ['{not json', '{"jsonrpc":"2.0","id":"x","method":42}', '[]', '{"jsonrpc":"2.0","method":"textDocument/hover","params":null,"id":7000}'];
    for (const body of garbage) {
      s.client.proc.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    }
    const symbols = await s.client.request<unknown[]>('workspace/symbol', { query: '' });
    expect(Array.isArray(symbols)).toBe(true);
    expect(s.client.proc.exitCode).toBeNull();
  });

  it('rejects unknown methods with MethodNotFound and keeps serving', async () => {
    await expect(s.client.request('tunnelwright/noSuchThing', {})).rejects.toMatchObject({ code: -32601 });
    await s.client.conn.sendNotification('tunnelwright/noSuchNotification', { x: 1 });
    const symbols = await s.client.request<unknown[]>('workspace/symbol', { query: '' });
    expect(Array.isArray(symbols)).toBe(true);
  });

  it('ignores didChange for a document that was never opened', async () => {
    const ghost = path.join(s.ws, 'ghost.vyos');
    await s.client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: uriOf(ghost), version: 5 },
      contentChanges: [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 4 } }, text: 'x' }],
    });
    const hover = await s.client.request('textDocument/hover', { textDocument: { uri: uriOf(ghost) }, position: { line: 0, character: 0 } });
    expect(hover).toBeNull();
    expect(s.client.proc.exitCode).toBeNull();
  });

  it('requests on positions outside the document answer empty', async () => {
    const file = path.join(s.ws, 'gre-vyoshkg1.vyos');
    await s.client.open(file, 'vyos');
    const far = { line: 10_000, character: 10_000 };
    expect(await s.client.request('textDocument/hover', { textDocument: { uri: uriOf(file) }, position: far })).toBeNull();
    expect(await s.client.request('textDocument/definition', { textDocument: { uri: uriOf(file) }, position: far })).toEqual([]);
  });

  it('ends with correct diagnostics after 1,000 rapid edits', async () => {
    const file = path.join(s.ws, 'gre-vyostok1.vyos');
    const intact = fs.readFileSync(file, 'utf8');
    const broken = intact.replace('encapsulation', 'encapsulaton');
    // What the server says about the broken text when it has all the time it wants.
    await s.client.open(file, 'vyos', broken);
    const expected = await s.client.diagnostics(file, (_d, p) => p.version === 1);
    let version = 1;
    for (let i = 0; i < 1000; i++) {
      const text = i === 999 ? broken : i % 3 === 0 ? intact : broken.replace('tun0', `tun${i}`);
      version = await s.client.change(file, text);
    }
    expect(s.client.text(file)).toBe(broken);
    const final = await s.client.diagnostics(file, (_d, p) => p.version === version);
    expect(final).toEqual(expected);
    expect(s.client.proc.exitCode).toBeNull();
  });
});
