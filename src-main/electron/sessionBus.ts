/**
 * Just enough of the D-Bus wire protocol to ask the session bus one question: does anyone own a
 * name? (AUTH EXTERNAL, Hello, NameHasOwner over the unix socket.) Hand-written rather than a
 * client library: one method call with a string argument and a boolean answer does not justify a
 * dependency tree, and every byte read is bounded (size and time) because the socket is not ours.
 */
import { connect } from 'node:net';

const BUS = { destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus' };
/** Far more than a Hello/NameHasOwner reply or a NameAcquired signal needs. */
const MAX_MESSAGE_BYTES = 64 * 1024;
const MAX_AUTH_LINE = 512;
const enum MessageType {
  MethodReturn = 2,
  Error = 3,
}
const enum Field {
  ErrorName = 4,
  ReplySerial = 5,
}

/** Where DBUS_SESSION_BUS_ADDRESS points (first unix: entry), or systemd's $XDG_RUNTIME_DIR/bus when it is unset. */
export function sessionBusSocket(env: NodeJS.ProcessEnv = process.env): string {
  const address = env.DBUS_SESSION_BUS_ADDRESS?.trim() || (env.XDG_RUNTIME_DIR ? `unix:path=${env.XDG_RUNTIME_DIR}/bus` : '');
  if (!address) throw new Error('No session bus: DBUS_SESSION_BUS_ADDRESS and XDG_RUNTIME_DIR are both unset');
  for (const entry of address.split(';')) {
    if (!entry.startsWith('unix:')) continue;
    const keys = new Map(entry.slice('unix:'.length).split(',').map((kv) => [kv.slice(0, kv.indexOf('=')), unescapeValue(kv.slice(kv.indexOf('=') + 1))]));
    const path = keys.get('path');
    if (path) return path;
    const abstract = keys.get('abstract');
    if (abstract) return `\0${abstract}`; // Linux abstract socket namespace
  }
  throw new Error(`Unsupported session bus address "${address}": only unix:path= and unix:abstract= are understood`);
}

function unescapeValue(value: string): string {
  return value.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * True when `name` has an owner on the session bus. Rejects, naming the reason, when the bus cannot
 * be reached, refuses us, says something malformed, or does not answer within `timeoutMs`.
 */
export function sessionBusNameHasOwner(name: string, options: { env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<boolean> {
  return new Promise((resolve, reject) => {
    let socketPath: string;
    try {
      socketPath = sessionBusSocket(options.env);
    } catch (error) {
      reject(error as Error);
      return;
    }
    const shown = socketPath.replace('\0', '@');
    const socket = connect({ path: socketPath });
    let settled = false;
    const finish = (error: Error | null, owned = false): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(owned);
    };
    const timer = setTimeout(() => finish(new Error(`The session bus at ${shown} did not answer within ${options.timeoutMs} ms`)), options.timeoutMs);
    let buffer = Buffer.alloc(0);
    let authenticated = false;

    socket.on('connect', () => {
      const uid = String(process.getuid?.() ?? 0);
      socket.write(`\0AUTH EXTERNAL ${Buffer.from(uid, 'ascii').toString('hex')}\r\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      try {
        if (!authenticated) {
          const end = buffer.indexOf('\r\n');
          if (end < 0) {
            if (buffer.length > MAX_AUTH_LINE) throw new Error('an over-long authentication reply');
            return;
          }
          const line = buffer.subarray(0, end).toString('latin1');
          if (!line.startsWith('OK ')) throw new Error(`a refusal to authenticate us ("${line.slice(0, 80)}")`);
          authenticated = true;
          buffer = buffer.subarray(end + 2);
          socket.write(Buffer.concat([Buffer.from('BEGIN\r\n', 'ascii'), methodCall(1, 'Hello', []), methodCall(2, 'NameHasOwner', [name])]));
        }
        for (let message = takeMessage(); message; message = takeMessage()) {
          if (message.replySerial === undefined || message.replySerial > 2) continue; // signals such as NameAcquired
          if (message.type === MessageType.Error) throw new Error(`an error reply (${message.errorName ?? 'unnamed'})`);
          if (message.type === MessageType.MethodReturn && message.replySerial === 2) finish(null, message.firstU32 === 1);
        }
      } catch (error) {
        finish(new Error(`The session bus at ${shown} sent ${error instanceof RangeError ? 'a malformed message' : (error as Error).message}`));
      }
    });
    socket.on('error', (error) => finish(new Error(`Cannot reach the session bus at ${shown}: ${error.message}`)));
    socket.on('close', () => finish(new Error(`The session bus at ${shown} closed the connection before answering`)));

    /** The next complete message from the buffer, or null until more bytes arrive. */
    function takeMessage(): ParsedMessage | null {
      if (buffer.length < 16) return null;
      const le = buffer[0] === 0x6c; // 'l'; 'B' is big-endian
      if (!le && buffer[0] !== 0x42) throw new Error('a message with an unknown byte order');
      const u32 = (offset: number): number => (le ? buffer.readUInt32LE(offset) : buffer.readUInt32BE(offset));
      const fieldsEnd = 16 + u32(12);
      const bodyStart = align(fieldsEnd, 8);
      const total = bodyStart + u32(4);
      if (total > MAX_MESSAGE_BYTES) throw new Error(`a ${total}-byte message (more than ${MAX_MESSAGE_BYTES} bytes)`);
      if (buffer.length < total) return null;
      const message = parseMessage(buffer.subarray(0, total), le, fieldsEnd, bodyStart);
      buffer = buffer.subarray(total);
      return message;
    }
  });
}

interface ParsedMessage {
  type: number;
  replySerial?: number;
  errorName?: string;
  /** The body's first 32-bit value (a boolean's 0 or 1). */
  firstU32?: number;
}

function parseMessage(bytes: Buffer, le: boolean, fieldsEnd: number, bodyStart: number): ParsedMessage {
  const u32 = (offset: number): number => (le ? bytes.readUInt32LE(offset) : bytes.readUInt32BE(offset));
  const message: ParsedMessage = { type: bytes[1]! };
  let pos = 16;
  while (pos < fieldsEnd) {
    pos = align(pos, 8);
    const code = bytes.readUInt8(pos);
    const sigLength = bytes.readUInt8(pos + 1);
    const signature = bytes.toString('ascii', pos + 2, pos + 2 + sigLength);
    pos += 2 + sigLength + 1;
    if (signature === 'u') {
      pos = align(pos, 4);
      if (code === Field.ReplySerial) message.replySerial = u32(pos);
      pos += 4;
    } else if (signature === 's' || signature === 'o') {
      pos = align(pos, 4);
      const length = u32(pos);
      if (code === Field.ErrorName) message.errorName = bytes.toString('utf8', pos + 4, Math.min(pos + 4 + length, pos + 4 + 255));
      pos += 4 + length + 1;
    } else if (signature === 'g') {
      pos += 1 + bytes.readUInt8(pos) + 1;
    } else if (signature === 'y') {
      pos += 1;
    } else throw new Error(`a header field of unexpected type "${signature.slice(0, 8)}"`);
  }
  if (pos > fieldsEnd) throw new RangeError('header fields overrun');
  if (bytes.length >= bodyStart + 4) message.firstU32 = u32(bodyStart);
  return message;
}

function align(offset: number, to: number): number {
  return Math.ceil(offset / to) * to;
}

/** A little-endian METHOD_CALL to the bus itself with string arguments. */
function methodCall(serial: number, member: string, args: string[]): Buffer {
  const fields = new Writer();
  const field = (code: number, signature: string, write: (w: Writer) => void): void => {
    fields.pad(8).byte(code).signature(signature);
    write(fields);
  };
  field(1, 'o', (w) => w.string(BUS.path));
  field(2, 's', (w) => w.string(BUS.interface));
  field(3, 's', (w) => w.string(member));
  field(6, 's', (w) => w.string(BUS.destination));
  if (args.length > 0) field(8, 'g', (w) => w.signature('s'.repeat(args.length)));
  const body = new Writer();
  for (const arg of args) body.string(arg);
  const header = new Writer().byte(0x6c).byte(1).byte(0).byte(1).u32(body.length).u32(serial).u32(fields.length);
  // The field array starts at offset 16 (8-aligned), so padding inside `fields` matches the message's.
  return Buffer.concat([header.bytes(), fields.pad(8).bytes(), body.bytes()]);
}

class Writer {
  private readonly out: number[] = [];
  get length(): number {
    return this.out.length;
  }
  pad(to: number): this {
    while (this.out.length % to) this.out.push(0);
    return this;
  }
  byte(value: number): this {
    this.out.push(value);
    return this;
  }
  u32(value: number): this {
    this.pad(4);
    this.out.push(value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff);
    return this;
  }
  string(value: string): this {
    const utf8 = Buffer.from(value, 'utf8');
    this.u32(utf8.length);
    this.out.push(...utf8, 0);
    return this;
  }
  signature(value: string): this {
    this.out.push(value.length, ...Buffer.from(value, 'ascii'), 0);
    return this;
  }
  bytes(): Buffer {
    return Buffer.from(this.out);
  }
}
