// Batched datagram I/O: recvmmsg / sendmmsg over arrays of struct mmsghdr that live in native memory,
// set up once and reused for every call, and a pool of native packet buffers whose addresses are known, so
// a packet read into the pool can be handed to sendmmsg without a copy.
import { libc } from './libc';
import { SOCKADDR_IN6_LEN } from './sockaddr';

/** struct mmsghdr on 64-bit Linux: a struct msghdr (56 bytes) followed by msg_len, padded to 64. */
const MMSGHDR_LEN = 64;
const IOVEC_LEN = 16;
/** Room for one sockaddr_in6, rounded up to keep every name 8-byte aligned. */
const NAME_LEN = 32;
// Offsets inside struct msghdr.
const MSG_NAME = 0;
const MSG_NAMELEN = 8;
const MSG_IOV = 16;
const MSG_IOVLEN = 24;
const MSG_CONTROL = 32;
const MSG_CONTROLLEN = 40;
const MSG_LEN = 56;

/**
 * N struct mmsghdr, each with one iovec, a sockaddr and (optionally) a control buffer of its own, in one
 * native block.
 */
export class MessageVector {
  /** Where message 0 starts; the system calls take addresses, so a call can also start at message i. */
  readonly address: bigint;
  /** The sockaddr of every message, NAME_LEN bytes apart. */
  readonly names: Uint8Array;
  /** The control (ancillary data) buffer of every message, `controlLen` bytes apart. */
  readonly controls: Uint8Array;
  private readonly view: DataView;
  private readonly iovOffset: number;

  constructor(readonly count: number, readonly controlLen = 0) {
    this.iovOffset = count * MMSGHDR_LEN;
    const namesOffset = this.iovOffset + count * IOVEC_LEN;
    const controlsOffset = namesOffset + count * NAME_LEN;
    const block = libc().alloc(controlsOffset + count * controlLen);
    this.address = block.address;
    this.view = new DataView(block.bytes.buffer, block.bytes.byteOffset, block.bytes.length);
    this.names = block.bytes.subarray(namesOffset, controlsOffset);
    this.controls = block.bytes.subarray(controlsOffset);
    for (let i = 0; i < count; i++) {
      const m = i * MMSGHDR_LEN;
      this.view.setBigUint64(m + MSG_NAME, block.address + BigInt(namesOffset + i * NAME_LEN), true);
      this.view.setBigUint64(m + MSG_IOV, block.address + BigInt(this.iovOffset + i * IOVEC_LEN), true);
      this.view.setBigUint64(m + MSG_IOVLEN, 1n, true);
      if (controlLen > 0) this.view.setBigUint64(m + MSG_CONTROL, block.address + BigInt(controlsOffset + i * controlLen), true);
    }
  }

  /** Points message i's single iovec at `len` bytes of native memory at `address`. */
  setData(i: number, address: bigint, len: number): void {
    const v = this.iovOffset + i * IOVEC_LEN;
    this.view.setBigUint64(v, address, true);
    this.view.setBigUint64(v + 8, BigInt(len), true);
  }

  /** The destination of message i (for sendmmsg). */
  setName(i: number, sockaddr: Uint8Array): void {
    this.names.set(sockaddr, i * NAME_LEN);
    this.view.setUint32(i * MMSGHDR_LEN + MSG_NAMELEN, sockaddr.length, true);
  }

  /** The address bytes of message i's sockaddr, as a view (`offset` 4 for sockaddr_in, 8 for sockaddr_in6). */
  nameView(i: number, offset: number, len: number): Uint8Array {
    return this.names.subarray(i * NAME_LEN + offset, i * NAME_LEN + offset + len);
  }

  /** recvmmsg overwrites the name and control lengths: they are restored before every call. */
  resetForReceive(n: number): void {
    for (let i = 0; i < n; i++) {
      const m = i * MMSGHDR_LEN;
      this.view.setUint32(m + MSG_NAMELEN, SOCKADDR_IN6_LEN, true);
      if (this.controlLen > 0) this.view.setBigUint64(m + MSG_CONTROLLEN, BigInt(this.controlLen), true);
    }
  }

  /** Bytes the kernel transferred for message i. */
  length(i: number): number {
    return this.view.getUint32(i * MMSGHDR_LEN + MSG_LEN, true);
  }

  controlLength(i: number): number {
    return Number(this.view.getBigUint64(i * MMSGHDR_LEN + MSG_CONTROLLEN, true));
  }

  /** The address of message i, for a sendmmsg that resumes after a refused message. */
  at(i: number): bigint {
    return this.address + BigInt(i * MMSGHDR_LEN);
  }
}

/**
 * Fixed native packet buffers, allocated once. Pages the kernel never writes to stay unallocated, so
 * 64 KiB slots cost resident memory only for the packets that are that large.
 */
export class PacketPool {
  readonly slots: Uint8Array[] = [];
  private readonly base: bigint;
  private readonly buffer: ArrayBufferLike;

  constructor(count: number, readonly slotSize: number) {
    const block = libc().alloc(count * slotSize);
    this.base = block.address;
    this.buffer = block.bytes.buffer;
    for (let i = 0; i < count; i++) this.slots.push(block.bytes.subarray(i * slotSize, (i + 1) * slotSize));
  }

  /** The native address of a view into this pool; null for memory that is not the pool's. */
  addressOf(view: Uint8Array): bigint | null {
    return view.buffer === this.buffer ? this.base + BigInt(view.byteOffset) : null;
  }
}
