// Child side of the electron fake's utilityProcess.fork: a plain Node child (child_process.fork
// with an IPC channel) that provides process.parentPort the way Electron's utility process does
// ('message' events carry { data, ports }, postMessage sends to the parent), then runs the module.
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

const [modulePath] = process.argv.splice(2, 1);
const parentPort = new EventEmitter();
parentPort.postMessage = (message) => process.send(message);
// Like Electron, messages wait in a queue until the module registers a 'message' handler.
const queued = [];
const deliver = (data) => parentPort.emit('message', { data, ports: [] });
process.on('message', (data) => (parentPort.listenerCount('message') > 0 ? deliver(data) : queued.push(data)));
parentPort.on('newListener', (event) => {
  if (event === 'message') setImmediate(() => queued.splice(0).forEach(deliver));
});
process.parentPort = parentPort;
process.argv[1] = modulePath;
await import(pathToFileURL(modulePath).href);
