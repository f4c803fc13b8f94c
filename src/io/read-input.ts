/**
 * Reading an input file (model, data) once, safely: regular files and pipes
 * (so `check <(cat model.stan)` works) up to the input size limit; devices
 * such as /dev/zero or /dev/urandom, directories and sockets are refused
 * before reading, and a pipe that goes past the limit stops being read.
 * A UTF-8 byte-order mark is dropped, and binary text (a NUL byte) refused.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { LangevinError } from '../errors.js';
import { formatBytes, limits } from '../limits.js';

/** How long a pipe may stay silent before we give up (ms). */
const PIPE_IDLE_MS = 30_000;

export function readInputFile(path: string, what: string): string {
  let fd: number;
  try {
    // Non-blocking, so opening a FIFO nobody writes to does not hang.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw cannotRead(path, what, error);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new LangevinError(`cannot read ${what} '${path}': is a directory`);
    if (!stat.isFile() && !stat.isFIFO()) {
      throw new LangevinError(`cannot read ${what} '${path}': is not a regular file (a device or socket)`);
    }
    const limit = limits().inputBytes;
    if (stat.isFile() && stat.size > limit) throw tooLarge(path, what, stat.size, limit);
    const bytes = readAll(fd, path, what, limit, stat.isFile() ? stat.size : 64 * 1024);
    if (bytes.includes(0)) throw new LangevinError(`cannot read ${what} '${path}': is not text (it holds NUL bytes)`);
    const text = new TextDecoder('utf-8').decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } finally {
    closeSync(fd);
  }
}

function readAll(fd: number, path: string, what: string, limit: number, initial: number): Uint8Array {
  let buffer = new Uint8Array(Math.min(limit + 1, Math.max(1024, initial + 1)));
  let length = 0;
  let idleSince = Date.now();
  for (;;) {
    if (length === buffer.length) {
      if (length > limit) throw tooLarge(path, what, length, limit);
      const grown = new Uint8Array(Math.min(limit + 1, buffer.length * 2));
      grown.set(buffer);
      buffer = grown;
    }
    let n: number;
    try {
      n = readSync(fd, buffer, length, buffer.length - length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw cannotRead(path, what, error);
      if (Date.now() - idleSince > PIPE_IDLE_MS) {
        throw new LangevinError(`cannot read ${what} '${path}': the pipe sent nothing for ${PIPE_IDLE_MS / 1000} s`);
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      continue;
    }
    if (n === 0) break;
    length += n;
    idleSince = Date.now();
    if (length > limit) throw tooLarge(path, what, length, limit);
  }
  return buffer.subarray(0, length);
}

function tooLarge(path: string, what: string, size: number, limit: number): LangevinError {
  return new LangevinError(
    `cannot read ${what} '${path}': it is larger than the input limit of ${formatBytes(limit)}` +
      `${size > limit + 1 ? ` (${formatBytes(size)})` : ''}; raise it with --max-input-mb`,
  );
}

function cannotRead(path: string, what: string, error: unknown): LangevinError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code ?? error);
  return new LangevinError(`cannot read ${what} '${path}': ${reason}`);
}
