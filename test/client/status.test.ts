import { describe, expect, it } from 'vitest';
import { LineSplitter, parseEngineLine, statusSummary } from '../../client/src/engine/status';

describe('engine status lines', () => {
  it('parses a JSON status object', () => {
    expect(parseEngineLine('{"state":"up","rtt":12.3,"counters":{"tx":4}}\r')).toEqual({
      kind: 'status',
      status: { state: 'up', rtt: 12.3, counters: { tx: 4 } },
    });
  });

  it('keeps non-status lines as log text', () => {
    expect(parseEngineLine('{"no":"state"}')).toEqual({ kind: 'log', text: '{"no":"state"}' });
    expect(parseEngineLine('{ broken')).toEqual({ kind: 'log', text: '{ broken' });
    expect(parseEngineLine('sending first packet')).toEqual({ kind: 'log', text: 'sending first packet' });
  });

  it('reassembles lines split across chunks', () => {
    const s = new LineSplitter();
    expect(s.push('{"state":"st')).toEqual([]);
    expect(s.push('arting"}\n{"state":"up"}\npart')).toEqual(['{"state":"starting"}', '{"state":"up"}']);
    expect(s.end()).toEqual(['part']);
    expect(s.end()).toEqual([]);
  });

  it('summarises state and RTT for the status bar', () => {
    expect(statusSummary({ state: 'up', rtt: 3.14159 })).toBe('up · 3.1 ms');
    expect(statusSummary({ state: 'up', rtt: 123.6 })).toBe('up · 124 ms');
    expect(statusSummary({ state: 'starting', rtt: null })).toBe('starting');
  });
});
