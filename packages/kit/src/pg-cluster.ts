/**
 * A throwaway PostgreSQL cluster for tests: `initdb` into a temporary directory, started with
 * `pg_ctl` on a free loopback port (its unix socket in the same directory), stopped and removed
 * by `stop()` or when the process exits or is interrupted. Postgres refuses to run as root, so as
 * root it runs as the `postgres` system user (`runuser`), in a directory that user owns.
 *
 * Tuned for tests, not for keeping data: no fsync, no full-page writes (a crash loses the cluster,
 * which is thrown away anyway). Isolation and locking are the server's own, unchanged.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.ts';

export interface ThrowawayCluster {
  /** The server's address with the `postgres` superuser, e.g. `postgres://postgres@127.0.0.1:54012/`. */
  serverUrl: string;
  /** The address of one database on it. */
  urlFor(database: string): string;
  /** Creates an empty database on it and answers its address; the name goes in unquoted, so a lowercase identifier. */
  createDatabase(name: string): Promise<string>;
  port: number;
  dir: string;
  /** Stops the server (`pg_ctl stop -m fast`: sessions are ended, as in an outage) and keeps its data. */
  halt(): void;
  /** Starts the halted server again on the same port with the same data. */
  resume(): void;
  stop(): void;
}

/**
 * Where a server program is: on the PATH, else in Debian's versioned directory (the newest
 * `/usr/lib/postgresql/<version>/bin`), where the server packages install it.
 */
function programPath(program: string): string {
  if (spawnSync('which', [program], { encoding: 'utf8' }).status === 0) return program;
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian) ? readdirSync(debian).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const candidate = path.join(debian, version, 'bin', program);
    if (existsSync(candidate)) return candidate;
  }
  return program;
}

/** Runs a Postgres program, as the `postgres` user when this process is root. */
function runPostgresProgram(name: string, args: string[]): void {
  const program = programPath(name);
  const asRoot = process.getuid?.() === 0;
  const [command, commandArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw new Error(`Cannot run ${program} (PostgreSQL's server binaries must be on the PATH): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${program} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}

export async function startThrowawayCluster(options: { maxConnections?: number } = {}): Promise<ThrowawayCluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pg-throwaway-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  let stopped = false;
  let started = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    if (started) {
      try {
        runPostgresProgram('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already gone: removing its directory is all that is left.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  try {
    runPostgresProgram('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    const port = await freePort();
    const settings = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      `-c max_connections=${options.maxConnections ?? 400}`,
      '-c fsync=off',
      '-c full_page_writes=off',
      '-c synchronous_commit=off',
      // Serializable transactions of many concurrent writers need predicate locks to spare.
      '-c max_pred_locks_per_transaction=256',
    ].join(' ');
    started = true;
    const start = () => runPostgresProgram('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-o', settings, '-w', '-t', '60', 'start']);
    start();
    const serverUrl = `postgres://postgres@127.0.0.1:${port}/`;
    const urlFor = (database: string) => `${serverUrl}${database}`;
    return {
      serverUrl,
      urlFor,
      createDatabase: async (name) => {
        const admin = new pg.Client({ connectionString: urlFor('postgres') });
        await admin.connect();
        try {
          await admin.query(`create database ${name}`);
        } finally {
          await admin.end();
        }
        return urlFor(name);
      },
      port,
      dir,
      halt: () => runPostgresProgram('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']),
      resume: start,
      stop,
    };
  } catch (error) {
    let log = '';
    try {
      log = readFileSync(path.join(dir, 'server.log'), 'utf8');
    } catch {
      // no log yet
    }
    stop();
    throw new Error(`Cannot start a throwaway PostgreSQL cluster: ${(error as Error).message}${log ? `\n${log}` : ''}`, { cause: error });
  }
}
