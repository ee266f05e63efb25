/**
 * The claim window is configuration: the services started with SMALL_GESTURE_CLAIM_HOURS=2 give a
 * claim link sent through the gateway two hours, not the default 72. (What happens when a window
 * ends, on a moved clock, is in gifts.e2e.ts: these are separate processes, whose clocks a test
 * does not move.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '@app/fixtures/ids';
import { US_USER_IDS } from './people.ts';
import { startStack, type RunningStack } from './stack.ts';

let stack: RunningStack;
beforeAll(async () => {
  stack = await startStack({ env: { SMALL_GESTURE_CLAIM_HOURS: '2' } });
}, 90_000);
afterAll(() => stack?.stop());

describe('a configured claim window through the gateway', () => {
  it('gives a claim link exactly SMALL_GESTURE_CLAIM_HOURS to be claimed, and the link claims once within it', async () => {
    const sender = { authorization: `Bearer ${await stack.tokenFor(US_USER_IDS[3] as string)}` };
    const sent = await stack.query(
      'mutation ($input: SendSmallGestureInput!) { sendSmallGesture(input: $input) { claimToken gift { id state sentAt claimExpiresAt } } }',
      { input: { offerId: seedId('gof', 0), message: 'within two hours', idempotencyKey: 'claim-window-0001' } },
      sender,
    );
    expect(sent.body.errors).toBeUndefined();
    const { claimToken, gift } = sent.body.data.sendSmallGesture;
    expect(gift.state).toBe('AWAITING_CLAIM');
    expect(new Date(gift.claimExpiresAt).getTime() - new Date(gift.sentAt).getTime()).toBe(2 * 3_600_000);

    const CLAIM = 'mutation ($token: String!) { claimSmallGesture(token: $token) { gift { id state recipient { id } } } }';
    const friend = US_USER_IDS[4] as string;
    const claimed = await stack.query(CLAIM, { token: claimToken }, { authorization: `Bearer ${await stack.tokenFor(friend)}` });
    expect(claimed.body.data.claimSmallGesture.gift).toEqual({ id: gift.id, state: 'DELIVERED', recipient: { id: friend } });
    const late = await stack.query(CLAIM, { token: claimToken }, { authorization: `Bearer ${await stack.tokenFor(US_USER_IDS[5] as string)}` });
    expect(late.body.errors?.[0]?.extensions?.code).toBe('SMALL_GESTURE_ALREADY_CLAIMED');
  });
});
