// A child process of the relay bench: one UdpRelay of the harness's (as a run uses it, with a
// wire log and an empty fault plan) forwarding 127.0.0.1:<listen> to the echo port given, so
// the relay has an event loop of its own, as in a worker. Prints its port, then runs until killed.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = path.resolve(import.meta.dirname, '..', '..', 'dist', 'harness', 'wire');
const { UdpRelay } = await import(pathToFileURL(path.join(dist, 'udp-relay.js')).href);
const { WireLog } = await import(pathToFileURL(path.join(dist, 'wire-log.js')).href);
const { FaultPlan } = await import(pathToFileURL(path.join(dist, 'fault-plan.js')).href);

const echoPort = Number(process.argv[2]);
const started = Date.now();
const relay = new UdpRelay(
  'bench',
  () => ({ host: '127.0.0.1', port: echoPort }),
  new WireLog(() => Date.now() - started),
  new FaultPlan('bench'),
);
const { port } = await relay.listen('127.0.0.1');
process.stdout.write(`${port}\n`);
