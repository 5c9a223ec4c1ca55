// Batched socket I/O (recvmmsg / sendmmsg through koffi) on real UDP sockets over loopback, which needs no
// privileges, and the engine's accounting for datagrams the kernel refuses at flush time.
import { afterEach, describe, expect, it } from 'vitest';
import { closeSync } from 'node:fs';
import { Engine, HEADROOM, MAX_PACKET, type OuterPort } from '../../engine/src/engine';
import { IP_TOS, IPPROTO_IP, libc } from '../../engine/src/os/libc';
import { PacketPool } from '../../engine/src/os/mmsg';
import { BATCH, openOuterSocket, SocketPort } from '../../engine/src/os/socket';
import { buildIpv4, PROTO_UDP } from '../../engine/src/packets/ipv4';
import { config } from './harness';

const LOOPBACK = Uint8Array.of(127, 0, 0, 1);
const opened: number[] = [];

function udpSocket(port: number): number {
  const fd = openOuterSocket({ family: 4, protocol: 'udp', local: LOOPBACK, port });
  opened.push(fd);
  return fd;
}

/** Two UDP sockets on loopback; `a` sends to b's port. Ports are picked per test from the pid. */
let nextPort = 20000 + (process.pid % 20000);
function socketPair(pool: PacketPool | null = null): { a: SocketPort; b: SocketPort } {
  const pa = nextPort++;
  const pb = nextPort++;
  const a = new SocketPort(udpSocket(pa), 4, true, pb, pool);
  const b = new SocketPort(udpSocket(pb), 4, true, pa);
  return { a, b };
}

/** Everything waiting on the port, in order (several recvmmsg calls when more than BATCH wait). */
function drain(port: SocketPort): { data: number[]; src: string; tos: number }[] {
  const got: { data: number[]; src: string; tos: number }[] = [];
  for (let n = port.receive(); n > 0; n = port.receive()) {
    for (let i = 0; i < n; i++) got.push({ data: Array.from(port.packet(i)), src: port.source(i).join('.'), tos: port.outerTos(i) });
  }
  return got;
}

/** A packet in pool slot i, after the headroom, as the worker reads it from the TUN device. */
function inPool(pool: PacketPool, i: number, bytes: number[]): Uint8Array {
  pool.slots[i].set(bytes, HEADROOM);
  return pool.slots[i].subarray(HEADROOM, HEADROOM + bytes.length);
}

afterEach(() => {
  for (const fd of opened.splice(0)) closeSync(fd);
});

describe('batched datagram I/O on UDP sockets', () => {
  it('receives more than one batch: BATCH datagrams per call, in order, with source and TOS', () => {
    const { a, b } = socketPair();
    libc().setsockopt(a.fd, IPPROTO_IP, IP_TOS, new Int32Array([0x02]), 4);
    for (let k = 0; k < BATCH + 36; k++) expect(a.send(Uint8Array.of(k, k + 1, k + 2), LOOPBACK, 0x02)).toBe(true);
    expect(b.receive()).toBe(BATCH);
    expect(Array.from(b.packet(BATCH - 1))).toEqual([BATCH - 1, BATCH, BATCH + 1]);
    expect(b.source(0).join('.')).toBe('127.0.0.1');
    expect(b.outerTos(0)).toBe(0x02);
    expect(b.receive()).toBe(36);
    expect(Array.from(b.packet(35))).toEqual([BATCH + 35, BATCH + 36, BATCH + 37]);
    expect(b.receive()).toBe(0);
  });

  it('queues datagrams that lie in the pool until flush, and keeps their order with ones sent at once', () => {
    const pool = new PacketPool(BATCH, HEADROOM + MAX_PACKET);
    const { a, b } = socketPair(pool);
    for (let i = 0; i < 3; i++) expect(a.send(inPool(pool, i, [10 + i]), LOOPBACK, 0)).toBe(true);
    expect(b.receive()).toBe(0); // nothing left the socket yet
    // Memory outside the pool (a probe, an ICMP error) goes at once, after what was queued before it.
    expect(a.send(Uint8Array.of(99), LOOPBACK, 0)).toBe(true);
    expect(a.send(inPool(pool, 3, [13]), LOOPBACK, 0)).toBe(true);
    expect(a.flush()).toBeNull();
    expect(drain(b).map((d) => d.data[0])).toEqual([10, 11, 12, 99, 13]);
  });

  it('a change of TOS sends what is queued first, so each datagram leaves with its own', () => {
    const pool = new PacketPool(BATCH, HEADROOM + MAX_PACKET);
    const { a, b } = socketPair(pool);
    a.send(inPool(pool, 0, [1]), LOOPBACK, 0x00);
    a.send(inPool(pool, 1, [2]), LOOPBACK, 0x01);
    a.send(inPool(pool, 2, [3]), LOOPBACK, 0x01);
    a.flush();
    expect(drain(b).map((d) => [d.data[0], d.tos])).toEqual([[1, 0x00], [2, 0x01], [3, 0x01]]);
  });

  it('a full queue is sent without waiting for flush; more than BATCH datagrams all arrive', () => {
    const pool = new PacketPool(BATCH, HEADROOM + MAX_PACKET);
    const { a, b } = socketPair(pool);
    for (let k = 0; k < BATCH + 5; k++) a.send(inPool(pool, k % BATCH, [k & 0xff]), LOOPBACK, 0);
    expect(b.receive()).toBe(BATCH);
    a.flush();
    expect(b.receive()).toBe(5);
  });

  it('reports a datagram the kernel refuses inside a batch, and still sends the ones after it', () => {
    const pool = new PacketPool(BATCH, HEADROOM + MAX_PACKET);
    const { a, b } = socketPair(pool);
    a.send(inPool(pool, 0, [1]), LOOPBACK, 0);
    // Longer than any UDP payload over IPv4 (65,507 bytes): EMSGSIZE for this one only.
    const huge = pool.slots[1].subarray(HEADROOM, HEADROOM + 65_535);
    a.send(huge, LOOPBACK, 0);
    a.send(inPool(pool, 2, [3]), LOOPBACK, 0);
    expect(a.flush()).toEqual({ packets: 1, bytes: 65_535 });
    expect(a.flush()).toBeNull();
    expect(drain(b).map((d) => d.data)).toEqual([[1], [3]]);
  });
});

describe('engine accounting with a batching outer port', () => {
  it('datagrams refused at flush move from the sent counters to the send-failed drops', () => {
    let queued = 0;
    const refuseAll: OuterPort = {
      send: () => (queued++, true),
      flush: () => {
        const r = queued ? { packets: queued, bytes: queued * (100 + 20) } : null;
        queued = 0;
        return r;
      },
    };
    const engine = new Engine(config({ mode: 'ipip', inner: 'tun' }), refuseAll);
    const inner = buildIpv4(Uint8Array.of(10, 0, 0, 1), Uint8Array.of(10, 0, 0, 2), PROTO_UDP, 64, new Uint8Array(80));
    const buf = new Uint8Array(HEADROOM + inner.length);
    buf.set(inner, HEADROOM);
    engine.fromInner(buf, HEADROOM, buf.length);
    engine.fromInner(buf, HEADROOM, buf.length);
    expect(engine.counters).toMatchObject({ packetsOut: 2, bytesOut: 200 });
    engine.flush();
    // The outer bytes (inner + 20-byte IPv4 header on ipip) are turned back into inner bytes.
    expect(engine.counters).toMatchObject({ packetsOut: 0, bytesOut: 0 });
    expect(engine.drops['send-failed']).toBe(2);
    engine.flush();
    expect(engine.drops['send-failed']).toBe(2);
  });
});
