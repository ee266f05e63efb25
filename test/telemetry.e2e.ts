/**
 * Every process that loads @apollo/gateway has APOLLO_TELEMETRY_DISABLED set before it loads
 * (the gateway as built, and the benchmark's stock gateway), unless the environment set it.
 * A preload reports the variable at the moment Node compiles @apollo/gateway's entry module.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'telemetry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const probe = path.join(dir, 'probe.cjs');
writeFileSync(
  probe,
  `const Module = require('node:module');
const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  if (/@apollo[\\\\/]gateway[\\\\/]dist[\\\\/]index\\.js$/.test(filename)) process.stdout.write('@apollo/gateway loaded with APOLLO_TELEMETRY_DISABLED=' + process.env.APOLLO_TELEMETRY_DISABLED + '\\n');
  return compile.call(this, content, filename);
};
`,
);

/** Starts a process with the probe, returns what the probe saw once @apollo/gateway loaded, and stops it. */
function telemetrySeenBy(args: string[], env: Record<string, string>): Promise<string> {
  const { APOLLO_TELEMETRY_DISABLED: _inherited, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--require', probe, ...args], {
    cwd: root,
    env: { ...inherited, LOG_LEVEL: 'silent', DATA_DIR: dir, GATEWAY_PORT: '0', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`@apollo/gateway was never loaded:\n${output}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const seen = /APOLLO_TELEMETRY_DISABLED=(\S*)/.exec(output);
      if (!seen) return;
      clearTimeout(timer);
      child.kill('SIGKILL');
      resolve(seen[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
  });
}

describe('Apollo usage telemetry', () => {
  it('is off in the built gateway before @apollo/gateway loads, unless the environment says otherwise', async () => {
    expect(await telemetrySeenBy(['gateway/dist/index.js'], {})).toBe('true');
    expect(await telemetrySeenBy(['gateway/dist/index.js'], { APOLLO_TELEMETRY_DISABLED: 'false' })).toBe('false');
  });

  it('is off in the benchmark\'s stock gateway too', async () => {
    expect(await telemetrySeenBy(['--import', 'tsx', 'bench/stock-gateway.ts'], { SUBGRAPH_URLS: '{}' })).toBe('true');
  });
});
