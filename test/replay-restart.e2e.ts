/**
 * A signed request captured on its way to a subgraph and replayed after that subgraph restarts:
 * the nonce it carries was kept in the subgraph's store (the SQLite file by default), so the
 * restarted process refuses it as it would have before the restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userIds } from '@app/fixtures/world';
import { anonymousViewer, signViewer } from '@app/kit/viewer';
import { startProcesses, type RunningProcesses } from './processes.ts';
import { STACK_INTERNAL_SECRET } from './stack.ts';

let processes: RunningProcesses;
beforeAll(async () => {
  processes = await startProcesses({ subgraphs: ['users'] });
}, 120_000);
afterAll(() => processes?.stop(), 60_000);

const ME = JSON.stringify({ query: '{ me { handle } }' });
type MeAnswer = { data?: { me: { handle: string } | null }; errors?: { extensions?: { code?: string } }[] };

/** Sends `headers` with the body they were signed over straight to the users process, as an attacker on the wire would. */
async function toUsers(headers: Record<string, string>): Promise<MeAnswer> {
  const response = await fetch(`http://127.0.0.1:${processes.ports.users}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: ME,
    signal: AbortSignal.timeout(10_000),
  });
  return (await response.json()) as MeAnswer;
}

describe('a signed request replayed to a restarted users process', () => {
  it('is answered as anonymous, while a fresh signature still signs in', async () => {
    const maya = userIds[0] as string;
    // The headers the gateway signs for users with INTERNAL_SECRET, captured with their body.
    const captured = signViewer({ ...anonymousViewer(), userId: maya, country: 'US' }, ME, STACK_INTERNAL_SECRET, 'users');
    expect((await toUsers(captured)).data?.me?.handle).toBe('maya.cooking');

    // Restarted on the same DATA_DIR: a new process with nothing in memory, well within the 30 s signature lifetime.
    await processes.kill('users', 'SIGKILL');
    await processes.start('users');
    const replayed = await toUsers(captured);
    expect(replayed.data?.me).toBeNull();
    expect(replayed.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // The restarted process still signs in a fresh request, and through the gateway too.
    const fresh = signViewer({ ...anonymousViewer(), userId: maya, country: 'US' }, ME, STACK_INTERNAL_SECRET, 'users');
    expect((await toUsers(fresh)).data?.me?.handle).toBe('maya.cooking');
    const viaGateway = await processes.query('{ me { handle } }', {}, { authorization: `Bearer ${await processes.tokenFor(maya)}` });
    expect(viaGateway.body.data.me.handle).toBe('maya.cooking');
  }, 60_000);
});
