/**
 * A throwaway `redis-server` for tests (Debian's package, `/usr/bin/redis-server`): on a free
 * loopback port, no persistence (no RDB snapshots, no AOF), its working directory a temporary
 * one, stopped by `stop()` or when this process exits. `halt()` stops it as an outage would (its
 * data is gone: nothing was persisted) and `resume()` starts an empty one on the same port.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.ts';

export interface ThrowawayRedis {
  /** `redis://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Stops the server (as an outage: every connection is cut). */
  halt(): Promise<void>;
  /** Starts it again, empty, on the same port. */
  resume(): Promise<void>;
  stop(): void;
}

/** Where the server program is: Debian's path, else the PATH. */
export function redisServerPath(): string | null {
  if (existsSync('/usr/bin/redis-server')) return '/usr/bin/redis-server';
  const which = spawnSync('which', ['redis-server'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : null;
}

/** Whether tests can start a throwaway Redis on this machine. */
export const hasRedisServer = redisServerPath() !== null;

async function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    socket.setTimeout(500);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += String(chunk);
      if (reply.includes('\r\n')) {
        socket.destroy();
        resolve(reply.startsWith('+PONG'));
      }
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export async function startThrowawayRedis(): Promise<ThrowawayRedis> {
  const program = redisServerPath();
  if (!program) throw new Error('redis-server is not installed (apt-get install redis-server)');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'redis-throwaway-'));
  const port = await freePort();
  let child: ChildProcess | null = null;
  let output = '';
  const exited = () => !child || child.exitCode !== null || child.signalCode !== null;

  const start = async () => {
    output = '';
    const started = spawn(program, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no', '--protected-mode', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    started.stdout!.on('data', (chunk) => (output += String(chunk)));
    started.stderr!.on('data', (chunk) => (output += String(chunk)));
    const deadline = Date.now() + 10_000;
    while (!(await answers(port))) {
      if (exited() || Date.now() > deadline) throw new Error(`Cannot start a throwaway redis-server on port ${port}:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const halt = async () => {
    const running = child;
    if (!running || exited()) return;
    const gone = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await gone;
  };

  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    if (child && !exited()) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  try {
    await start();
  } catch (error) {
    stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, port, halt, resume: start, stop };
}
