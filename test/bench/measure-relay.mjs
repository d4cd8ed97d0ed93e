// The relay's cost, on loopback: the round-trip time a datagram takes client → relay → echo →
// relay → client, minus the same round trip without the relay (added latency, both directions),
// one datagram in flight at a time; then how many datagrams a second cross it when a client
// sends as fast as it can (a window of datagrams in flight), and how many were lost.
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { once } from 'node:events';
import path from 'node:path';

const bind = async (socket) => {
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  return socket.address().port;
};

// Round-trip times in microseconds of `count` datagrams sent one after the other to `port`.
async function roundTrips(port, count) {
  const client = dgram.createSocket('udp4');
  await bind(client);
  const times = [];
  const payload = Buffer.alloc(120, 'x');
  for (let i = 0; i < count; i++) {
    const sent = process.hrtime.bigint();
    const back = once(client, 'message');
    client.send(payload, port, '127.0.0.1');
    const timeout = new Promise((resolve) => setTimeout(resolve, 1000, 'lost'));
    if ((await Promise.race([back, timeout])) !== 'lost') times.push(Number(process.hrtime.bigint() - sent) / 1000);
  }
  client.close();
  return times;
}

// Datagrams a second that come back through `port` with `window` in flight, over `seconds`.
async function throughput(port, seconds, window) {
  const client = dgram.createSocket('udp4');
  await bind(client);
  const payload = Buffer.alloc(120, 'y');
  let sent = 0;
  let received = 0;
  let inFlight = 0;
  const until = Date.now() + seconds * 1000;
  await new Promise((resolve) => {
    const pump = () => {
      while (inFlight < window && Date.now() < until) {
        inFlight++;
        sent++;
        client.send(payload, port, '127.0.0.1');
      }
      if (Date.now() >= until) setTimeout(resolve, 200);
    };
    // A lost datagram frees its slot after a while, so a loss never stalls the pump.
    const reaper = setInterval(() => {
      inFlight = Math.min(inFlight, Math.floor(window / 2));
      pump();
    }, 50);
    client.on('message', () => {
      received++;
      inFlight = Math.max(0, inFlight - 1);
      pump();
    });
    pump();
    setTimeout(() => clearInterval(reaper), seconds * 1000 + 200);
  });
  client.close();
  return { sent, received, perSecond: received / seconds, lossShare: sent === 0 ? 0 : 1 - received / sent };
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

// Starts an echo server and a relay process in front of it; returns the figures.
export async function measureRelay({ count = 3000, seconds = 3 } = {}) {
  const echo = dgram.createSocket('udp4');
  echo.on('message', (msg, rinfo) => echo.send(msg, rinfo.port, rinfo.address));
  const echoPort = await bind(echo);
  const host = spawn(process.execPath, [path.join(import.meta.dirname, 'relay-host.mjs'), String(echoPort)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [line] = await once(host.stdout.setEncoding('utf8'), 'data');
    const relayPort = Number(String(line).trim());
    await roundTrips(relayPort, 200); // warm-up: JIT and first-peer set-up
    const direct = await roundTrips(echoPort, count);
    const relayed = await roundTrips(relayPort, count);
    const rate = await throughput(relayPort, seconds, 64);
    const added = (p) => Math.max(0, percentile(relayed, p) - percentile(direct, p));
    return {
      roundTrips: count,
      directRttMicros: { p50: percentile(direct, 50), p99: percentile(direct, 99) },
      relayedRttMicros: { p50: percentile(relayed, 50), p99: percentile(relayed, 99) },
      addedMicros: { p50: added(50), p99: added(99) }, // both directions of one round trip
      lost: 2 * count - direct.length - relayed.length,
      datagramsPerSecond: Math.round(rate.perSecond),
      lossShareAtThatRate: rate.lossShare,
    };
  } finally {
    host.kill('SIGKILL');
    echo.close();
  }
}
