import { describe, expect, it } from 'vitest';
import { LineSplitter, parseEngineLine, parseStatusList, statusDetail, statusSummary, type EngineStatus } from '../../client/src/engine/status';

const up: EngineStatus = {
  name: 'tunnel11', mode: 'ipip', inner: 'host', state: 'up', rttMs: 12.3, packetsIn: 7, bytesIn: 700,
  packetsOut: 9, bytesOut: 900, probesSent: 4, probeReplies: 3, drops: { 'bad-checksum': 2 },
};

describe('engine status lines', () => {
  it('parses a JSON status object', () => {
    expect(parseEngineLine(JSON.stringify(up) + '\r')).toEqual({ kind: 'status', status: up });
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

  it('summarises state, RTT and counters', () => {
    expect(statusSummary({ state: 'up', rttMs: 3.14159 })).toBe('up · 3.1 ms');
    expect(statusSummary({ state: 'up', rttMs: 123.6 })).toBe('up · 124 ms');
    expect(statusSummary({ state: 'starting', rttMs: null })).toBe('starting');
    expect(statusDetail(up)).toBe('tunnel11: up · 12 ms; in 7 packets, out 9 packets, 3/4 probes answered, 2 dropped');
  });

  it('reads the `status --json` list, ignoring anything that is not one', () => {
    expect(parseStatusList(JSON.stringify([up, { no: 'state' }]))).toEqual([up]);
    expect(parseStatusList('no engines running')).toEqual([]);
    expect(parseStatusList('{"state":"up"}')).toEqual([]);
  });
});
