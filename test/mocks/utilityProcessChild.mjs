// Child side of the electron fake's utilityProcess.fork: a plain Node child (child_process.fork
// with an IPC channel) that provides process.parentPort the way Electron's utility process does
// ('message' events carry { data, ports }, postMessage sends to the parent), then runs the module.
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

const [modulePath] = process.argv.splice(2, 1);
const parentPort = new EventEmitter();
parentPort.postMessage = (message) => process.send(message);
process.on('message', (data) => parentPort.emit('message', { data, ports: [] }));
process.parentPort = parentPort;
process.argv[1] = modulePath;
await import(pathToFileURL(modulePath).href);
