// Sends crafted outer packets from inside a namespace: a raw IPv4 socket with our own header, so the source
// can be a stranger's. Runs as `node -e` in the namespace; koffi resolves from the project folder.
// Packets are prepared once in native memory and handed to the kernel 64 at a time with sendmmsg, paced to
// a rate: one process reaches well over 100,000 packets per second here.
import type { Lab } from './lab';

const SCRIPT = `
const koffi = require('koffi');
const lib = koffi.load('libc.so.6');
const socket = lib.func('int socket(int, int, int)');
const setsockopt = lib.func('int setsockopt(int, int, int, const void *, uint32_t)');
const sendmmsg = lib.func('int sendmmsg(int, uintptr_t, unsigned int, int)');
const { dst, parts, rate, seed } = JSON.parse(process.argv[1]);
const fd = socket(2, 3, 47);
setsockopt(fd, 0, 3, new Int32Array([1]), 4); // IP_HDRINCL
setsockopt(fd, 1, 7, new Int32Array([4 << 20]), 4); // SO_SNDBUF
let s = seed >>> 0;
const rnd = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const ip4 = (a) => a.split('.').map(Number);
const VARIANTS = 512, SLOT = 160, BATCH = 64;
// Native layout: packet templates, then BATCH mmsghdr (64 bytes), BATCH iovec (16 bytes), one sockaddr_in.
const tplBytes = parts.length * VARIANTS * SLOT;
const size = tplBytes + BATCH * 64 + BATCH * 16 + 16;
const ptr = koffi.alloc('uint8_t', size);
const mem = Buffer.from(koffi.view(ptr, size));
const base = koffi.address(ptr);
const msgs = tplBytes, iovs = msgs + BATCH * 64, sa = iovs + BATCH * 16;
mem.writeUInt16LE(2, sa); ip4(dst).forEach((b, k) => (mem[sa + 4 + k] = b));
const tplAddr = [], tplLen = [];
parts.forEach((p, pi) => {
  for (let v = 0; v < VARIANTS; v++) {
    const off = (pi * VARIANTS + v) * SLOT;
    let len;
    if (p.kind === 'garbage') {
      len = Math.floor(rnd() * 120);
      for (let j = 0; j < len; j++) mem[off + 20 + j] = Math.floor(rnd() * 256);
    } else {
      // a well-formed GRE packet (key 1234, no checksum) around a tiny IPv4 header
      len = 28;
      mem.writeUInt16BE(0x2000, off + 20); mem.writeUInt16BE(0x0800, off + 22); mem.writeUInt32BE(1234, off + 24);
      mem[off + 28] = 0x45; mem.writeUInt16BE(20, off + 30);
    }
    mem[off] = 0x45; mem.writeUInt16BE(20 + len, off + 2); mem[off + 8] = 64; mem[off + 9] = 47;
    ip4(p.src).forEach((b, k) => { mem[off + 12 + k] = b; mem[off + 16 + k] = ip4(dst)[k]; });
    tplAddr.push(base + BigInt(off));
    tplLen.push(BigInt(20 + len));
  }
});
for (let i = 0; i < BATCH; i++) {
  const m = msgs + i * 64;
  mem.writeBigUInt64LE(base + BigInt(sa), m); mem.writeUInt32LE(16, m + 8);
  mem.writeBigUInt64LE(base + BigInt(iovs + i * 16), m + 16); mem.writeBigUInt64LE(1n, m + 24);
}
const iov = new BigUint64Array(mem.buffer, mem.byteOffset + iovs, BATCH * 2);
const total = parts.reduce((n, p) => n + p.count, 0);
const sent = parts.map(() => 0);
const picked = new Int32Array(BATCH);
const nap = new Int32Array(new SharedArrayBuffer(4));
const t0 = performance.now();
// Bounded: a receiver that stalls the sender cannot keep this process alive for long.
const deadline = t0 + 10000 + (rate > 0 ? (2000 * total) / rate : 0);
let done = 0, refused = 0;
while (done < total && performance.now() < deadline) {
  // Paced: never ahead of rate × elapsed time (by more than one batch).
  const allowed = rate > 0 ? Math.min(total, Math.floor(((performance.now() - t0) * rate) / 1000) + BATCH) : total;
  if (done >= allowed) { Atomics.wait(nap, 0, 0, 0.2); continue; }
  const next = sent.slice(); // counts including this batch
  let n = 0;
  for (; n < BATCH && done + n < allowed; n++) {
    // the part furthest behind its share goes next, so the kinds interleave evenly
    let pi = -1;
    for (let k = 0; k < parts.length; k++) if (next[k] < parts[k].count && (pi < 0 || next[k] / parts[k].count < next[pi] / parts[pi].count)) pi = k;
    if (pi < 0) break;
    picked[n] = pi;
    const t = pi * VARIANTS + (next[pi]++ % VARIANTS);
    iov[2 * n] = tplAddr[t];
    iov[2 * n + 1] = tplLen[t];
  }
  const r = sendmmsg(fd, base + BigInt(msgs), n, 0);
  if (r <= 0) { refused++; Atomics.wait(nap, 0, 0, 1); continue; } // the device queue is full: let it drain
  for (let i = 0; i < r; i++) sent[picked[i]]++;
  done += r;
}
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(JSON.stringify({ sent, seconds, refused }));
`;

export interface FloodPart {
  /** Outer source address: the configured remote, or a stranger. */
  src: string;
  /** 'stranger': a well-formed GRE packet; 'garbage': random bytes of random length after the IPv4 header. */
  kind: 'garbage' | 'stranger';
  count: number;
}

export interface FloodResult {
  /** Packets the kernel accepted, per part. */
  sent: number[];
  seconds: number;
  /** sendmmsg calls the kernel refused outright (a full queue); their packets were sent again. */
  refused: number;
  /** Packets per second over the whole run. */
  rate: number;
}

/**
 * Sends outer GRE packets from namespace `ns` to `dst`, the parts interleaved, at `rate` packets per
 * second in all (0: as fast as possible).
 */
export async function flood(lab: Lab, ns: string, dst: string, parts: FloodPart[], rate = 0, seed = 1): Promise<FloodResult> {
  const out = await lab.exec(ns, process.execPath, '-e', SCRIPT, JSON.stringify({ dst, parts, rate, seed }));
  const r = JSON.parse(out) as { sent: number[]; seconds: number; refused: number };
  return { ...r, rate: Math.round(r.sent.reduce((a, b) => a + b, 0) / r.seconds) };
}

const SEND6 = `
const koffi = require('koffi');
const lib = koffi.load('libc.so.6');
const socket = lib.func('int socket(int, int, int)');
const setsockopt = lib.func('int setsockopt(int, int, int, const void *, uint32_t)');
const sendto = lib.func('long sendto(int, const void *, size_t, int, const void *, uint32_t)');
const [dst, proto, tclass, hex] = process.argv.slice(1);
const fd = socket(10, 3, Number(proto));
setsockopt(fd, 41, 67, new Int32Array([Number(tclass)]), 4); // IPV6_TCLASS
const sa = Buffer.alloc(28); sa.writeUInt16LE(10, 0);
Buffer.from(require('ipaddr.js').parse(dst).toByteArray()).copy(sa, 8);
const pkt = Buffer.from(hex, 'hex');
process.stdout.write(String(sendto(fd, pkt, pkt.length, 0, sa, 28)));
`;

/** Sends one raw IPv6 datagram (the kernel writes the header) with a chosen traffic class. */
export async function sendRaw6(lab: Lab, ns: string, dst: string, protocol: number, trafficClass: number, payload: Uint8Array): Promise<number> {
  return Number(await lab.exec(ns, process.execPath, '-e', SEND6, dst, String(protocol), String(trafficClass), Buffer.from(payload).toString('hex')));
}
