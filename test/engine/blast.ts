// Sends crafted outer packets from inside a namespace: a raw IPv4 socket with our own header, so the source
// can be a stranger's. Runs as `node -e` in the namespace; koffi resolves from the project folder.
import type { Lab } from './lab';

const SCRIPT = `
const koffi = require('koffi');
const lib = koffi.load('libc.so.6');
const socket = lib.func('int socket(int, int, int)');
const setsockopt = lib.func('int setsockopt(int, int, int, const void *, uint32_t)');
const sendto = lib.func('long sendto(int, const void *, size_t, int, const void *, uint32_t)');
const [src, dst, kind, count, seed] = process.argv.slice(1);
const fd = socket(2, 3, 47);
setsockopt(fd, 0, 3, new Int32Array([1]), 4); // IP_HDRINCL
const sa = Buffer.alloc(16); sa.writeUInt16LE(2, 0); dst.split('.').forEach((b, i) => (sa[4 + i] = Number(b)));
let s = Number(seed) >>> 0;
const rnd = () => { s = (s + 0x6d2b79f5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
let sent = 0;
for (let i = 0; i < Number(count); i++) {
  let payload;
  if (kind === 'garbage') {
    payload = Buffer.alloc(Math.floor(rnd() * 120));
    for (let j = 0; j < payload.length; j++) payload[j] = Math.floor(rnd() * 256);
  } else {
    // a well-formed GRE packet (key 1234, no checksum) around a tiny IPv4 header
    payload = Buffer.alloc(8 + 20);
    payload.writeUInt16BE(0x2000, 0); payload.writeUInt16BE(0x0800, 2); payload.writeUInt32BE(1234, 4);
    payload[8] = 0x45; payload.writeUInt16BE(20, 10);
  }
  const pkt = Buffer.alloc(20 + payload.length);
  pkt[0] = 0x45; pkt.writeUInt16BE(pkt.length, 2); pkt[8] = 64; pkt[9] = 47;
  src.split('.').forEach((b, k) => (pkt[12 + k] = Number(b)));
  dst.split('.').forEach((b, k) => (pkt[16 + k] = Number(b)));
  payload.copy(pkt, 20);
  if (sendto(fd, pkt, pkt.length, 0, sa, 16) === pkt.length) sent++;
  if (i % 200 === 199) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2); // let the receiver drain
}
process.stdout.write(String(sent));
`;

/** Sends `count` outer GRE packets from `src` (any address) to `dst`; returns how many left the socket. */
export async function blast(lab: Lab, ns: string, src: string, dst: string, kind: 'garbage' | 'stranger', count: number, seed = 1): Promise<number> {
  return Number(await lab.exec(ns, process.execPath, '-e', SCRIPT, src, dst, kind, String(count), String(seed)));
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
