// A TCP transfer through a tunnel with a SHA-256 of what was sent and what arrived: node on both ends,
// each inside its namespace.
import type { Lab } from './lab';

const SERVER = `
const net = require('node:net'), crypto = require('node:crypto');
const h = crypto.createHash('sha256'); let n = 0;
const srv = net.createServer((c) => { c.on('data', (d) => { h.update(d); n += d.length; }); c.on('end', () => { process.stdout.write(JSON.stringify({ n, hash: h.digest('hex') })); srv.close(); c.destroy(); }); });
srv.listen(Number(process.argv[2]), process.argv[1], () => process.stderr.write('listening\\n'));
setTimeout(() => process.exit(3), 25000).unref();
`;

const CLIENT = `
const net = require('node:net'), crypto = require('node:crypto');
const size = Number(process.argv[3]); const data = crypto.randomBytes(size);
const c = net.connect(Number(process.argv[2]), process.argv[1], () => c.end(data));
c.on('close', () => process.stdout.write(JSON.stringify({ n: size, hash: crypto.createHash('sha256').update(data).digest('hex') })));
c.on('error', (e) => { process.stderr.write(String(e)); process.exit(2); });
`;

const PORT = '5201';

export async function tcpTransfer(lab: Lab, serverNs: string, serverAddr: string, clientNs: string, bytes: number) {
  const server = lab.exec(serverNs, process.execPath, '-e', SERVER, serverAddr, PORT);
  // The server prints "listening" on stderr; give it a moment by retrying the client until it connects.
  let client: string | undefined;
  for (let i = 0; i < 20 && client === undefined; i++) {
    await new Promise((r) => setTimeout(r, 150));
    client = await lab.exec(clientNs, process.execPath, '-e', CLIENT, serverAddr, PORT, String(bytes)).catch(() => undefined);
  }
  const s = JSON.parse(await server) as { n: number; hash: string };
  const c = JSON.parse(client ?? '{}') as { n: number; hash: string };
  return { sent: c.n, sentHash: c.hash, received: s.n, receivedHash: s.hash };
}
