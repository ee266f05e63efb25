/**
 * The command-line tools the README sends developers to, run as `npm run …` runs them (tsx, the
 * repository's root as the working directory) against a store of their own.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'graph-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs `scripts/<script>` or any repository path with tsx; resolves with its output, whatever its exit code. */
async function run(script: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const merged: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env };
  delete merged.NODE_ENV;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, env: merged, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('npm run token', () => {
  it('prints a token and says where it goes in the explorer the gateway serves (GraphiQL by default, Sandbox when EXPLORER says so)', async () => {
    const graphiql = await run('scripts/token.ts', ['maya.cooking']);
    expect(graphiql.code).toBe(0);
    expect(graphiql.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(graphiql.stderr).toMatch(/In the explorer \(http:\/\/localhost:4000\/\), open the Headers tab below the editor/);
    expect(graphiql.stderr).not.toMatch(/Sandbox/);

    const sandbox = await run('scripts/token.ts', ['maya.cooking'], { EXPLORER: 'sandbox', GATEWAY_PORT: '4100' });
    expect(sandbox.stderr).toMatch(/In Apollo Sandbox \(http:\/\/localhost:4100\/\), open the Headers panel/);
  }, 90_000);
});
