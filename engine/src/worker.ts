// The per-packet loop, off the main thread. It polls the outer socket, the TUN device (when there is one)
// and an eventfd the main thread signals to stop; keepalive probes and status reports run between polls.
// Bounded work and memory: at most BATCH packets per fd per wakeup, into buffers allocated once (the
// socket's receive slots, and a pool of BATCH send buffers with headroom).
//   receive: one recvmmsg → Engine.fromOuter per datagram → write to TUN (or the host stack's answer → send)
//   send:    TUN read into the next pool buffer (after HEADROOM), until EAGAIN or BATCH
//            → Engine.fromInner (queues on the outer socket) → one sendmmsg for the whole wakeup
// The TUN is read in the same wakeup as a delivery to it even when poll did not flag it: the kernel
// usually answers what was just written to it (an echo reply, a TCP ACK) within that write, so the
// answer goes out without another poll; a request and its answer cost one poll, one recvmmsg, the write,
// one read and one sendmmsg. With `--busy-poll` the poll does not sleep for a while after
// traffic (busy-poll.ts).
// The stages inside Engine are listed at the top of engine.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { BusyPoll } from './busy-poll';
import { Engine, HEADROOM, MAX_PACKET } from './engine';
import { HostStack } from './host';
import { isL2 } from './config';
import { errnoName } from './os/errors';
import { EAGAIN, libc } from './os/libc';
import { kernelPathMtu } from './os/pathmtu';
import { Poller } from './os/poll';
import { runQueueWaitClock } from './os/sched';
import { addrBytes } from './packets/addr';
import { PacketPool } from './os/mmsg';
import { BATCH, SocketPort } from './os/socket';
import { TunPort } from './os/tun';
import type { WorkerInit, WorkerMessage } from './worker-protocol';

const STATUS_INTERVAL_MS = 1000;

function run(init: WorkerInit): void {
  const { cfg, fds } = init;
  // The process has no capability left (os/privileges.ts): packets from the wire meet an unprivileged thread.
  const vxlan = isL2(cfg.mode);
  const pool = new PacketPool(BATCH, HEADROOM + MAX_PACKET);
  // Each read lands after the headroom the engine writes the outer headers into.
  const reads = pool.slots.map((slot) => slot.subarray(HEADROOM));
  const outer = new SocketPort(fds.socket, cfg.outerFamily, vxlan || cfg.outerFamily === 6, vxlan ? cfg.dstPort ?? 0 : 0, pool);
  const mac = Uint8Array.from(init.mac);
  const engine = new Engine(cfg, outer, { mac });
  const tun = fds.tun === null ? null : new TunPort(fds.tun);
  engine.attachInner(tun ?? new HostStack(cfg.addresses, vxlan ? mac : null, (p) => engine.sendPacket(p)));

  const post = (m: WorkerMessage) => parentPort?.postMessage(m);
  const fdList = [fds.wake, fds.socket, ...(tun ? [tun.fd] : [])];
  const poller = new Poller(fdList);
  const keepaliveMs = cfg.keepaliveSeconds * 1000;
  const remote = cfg.remote ? addrBytes(cfg.remote) : null;
  let nextProbe = performance.now();
  let nextStatus = nextProbe;
  const runQueueWait = runQueueWaitClock();
  const spin = new BusyPoll(cfg.busyPollMicros / 1000, () => performance.now(), () => runQueueWait.read());
  const status = () => (cfg.busyPollMicros > 0 ? { ...engine.status(), busyPoll: { ...spin.counts } } : engine.status());

  // One wakeup's packets, in a function of its own: V8 optimizes it by its calls, where the loop below
  // (entered once) would wait for on-stack replacement. Returns how many packets it moved.
  const service = (outerReady: boolean, tunReady: boolean): number => {
    let moved = 0;
    const delivered = engine.counters.packetsIn;
    if (outerReady) {
      moved = outer.receive();
      for (let i = 0; i < moved; i++) engine.fromOuter(outer.packet(i), outer.source(i), outer.outerTos(i));
    }
    // Not flagged, just written to: one read takes the kernel's answer if it made one (poll reports more).
    const tunReads = tunReady ? BATCH : engine.counters.packetsIn !== delivered ? 1 : 0;
    if (tun) {
      for (let i = 0; i < tunReads; i++) {
        const n = tun.read(reads[i]);
        // Anything but "nothing waiting" means the device is gone (deleted under us): stop, do not spin.
        if (n < 0 && libc().errno() !== EAGAIN) throw new Error(`reading ${cfg.name} failed: ${errnoName(libc().errno())} (was the device deleted?)`);
        if (n <= 0) break;
        engine.fromInner(pool.slots[i], HEADROOM, HEADROOM + n);
        moved++;
      }
    }
    engine.flush();
    return moved;
  };

  for (;;) {
    const now = performance.now();
    if (now >= nextProbe) {
      // Follow the path MTU the kernel learns (from ICMP errors on the outer path) before probing.
      const pmtu = remote && kernelPathMtu(remote);
      if (pmtu) engine.setPathMtu(pmtu);
      engine.probe();
      nextProbe = now + keepaliveMs;
    }
    if (now >= nextStatus) {
      post({ type: 'status', status: status() });
      nextStatus = now + STATUS_INTERVAL_MS;
    }
    const ready = poller.wait(spin.timeout(Math.min(nextProbe, nextStatus) - now));
    if (ready[0]) break;
    spin.after(service(ready[1], ready[2]) > 0);
  }
  engine.stop();
  runQueueWait.close();
  post({ type: 'status', status: status() });
}

run(workerData as WorkerInit);
