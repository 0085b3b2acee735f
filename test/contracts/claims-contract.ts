/**
 * The Store contract for claims (unproven addresses of a customer, model.ts `Claim`): run by
 * runStoreContract for every store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Claim } from '../../src/core/model.js';
import type { Store } from '../../src/core/ports.js';
import { at, customer, identity } from './store-fixtures.js';

export function runClaimsContract(withStore: (fn: (store: Store) => Promise<void>) => Promise<void>): void {
  const typed = (address: string, minute: number, over: Partial<Claim> = {}): Claim => ({
    channel: 'email',
    address,
    kind: 'typed',
    claimedAt: at(minute),
    ...over,
  });

  describe('claims', () => {
    it('a claim is listed for its customer but never found as an identity, nor blocks one', async () => {
      await withStore(async (store) => {
        const visitor = customer();
        await store.createCustomer(visitor, identity({ channel: 'webchat', address: 'wc-visitor-1' }));
        const claim = typed('ann@example.com', 1, { displayName: 'Ann' });
        assert.deepEqual(await store.addClaim(visitor.id, claim), { kind: 'inserted' });
        assert.deepEqual(await store.addClaim(visitor.id, typed('ann@example.com', 2)), {
          kind: 'duplicate',
          existingId: visitor.id,
        });
        assert.deepEqual(await store.listClaims(visitor.id), [claim]);
        assert.equal(await store.findCustomerByIdentity('email', 'ann@example.com'), undefined);
        assert.equal((await store.listIdentities(visitor.id)).length, 1, 'identities untouched');
        // The real owner of the address still gets it as a verified identity.
        const ann = customer();
        assert.deepEqual(
          await store.createCustomer(ann, identity({ channel: 'email', address: 'ann@example.com' })),
          { kind: 'inserted' },
        );
        assert.equal((await store.findCustomerByIdentity('email', 'ann@example.com'))?.id, ann.id);
        assert.deepEqual(await store.listClaims(ann.id), []);
      });
    });

    it('creates a customer known only by a claim', async () => {
      await withStore(async (store) => {
        const spoofed = customer({ name: 'Ann?' });
        const claim = typed('ann@example.com', 1, { kind: 'unauthenticated', reason: 'dmarc=fail' });
        await store.createClaimant(spoofed, claim);
        assert.deepEqual(await store.getCustomer(spoofed.id), spoofed);
        assert.deepEqual(await store.listIdentities(spoofed.id), []);
        assert.deepEqual(await store.listClaims(spoofed.id), [claim]);
        assert.equal(await store.findCustomerByIdentity('email', 'ann@example.com'), undefined);
        assert.deepEqual(await store.findClaimants('email', 'ann@example.com', 'unauthenticated'), [
          spoofed.id,
        ]);
      });
    });

    it('finds the claimants of an address, oldest claim first, optionally of one kind', async () => {
      await withStore(async (store) => {
        const [a, b, c] = [customer(), customer(), customer()];
        for (const x of [a, b, c]) await store.createCustomer(x, identity());
        await store.addClaim(b.id, typed('x@example.com', 5));
        await store.addClaim(a.id, typed('x@example.com', 3));
        await store.addClaim(
          c.id,
          typed('x@example.com', 4, { kind: 'unauthenticated', reason: 'dmarc=fail' }),
        );
        await store.addClaim(a.id, typed('other@example.com', 1));
        assert.deepEqual(await store.findClaimants('email', 'x@example.com'), [a.id, c.id, b.id]);
        assert.deepEqual(await store.findClaimants('email', 'x@example.com', 'typed'), [a.id, b.id]);
        assert.deepEqual(await store.findClaimants('email', 'x@example.com', 'unauthenticated'), [c.id]);
        assert.deepEqual(await store.findClaimants('sms', 'x@example.com'), []);
        const [cClaim] = await store.listClaims(c.id);
        assert.equal(cClaim?.reason, 'dmarc=fail');
        assert.equal(cClaim?.kind, 'unauthenticated');
        assert.deepEqual(
          (await store.listClaims(a.id)).map((x) => x.address),
          ['other@example.com', 'x@example.com'],
          'oldest first',
        );
      });
    });

    it('a merge moves the claims, one per address, and repeating it changes nothing', async () => {
      await withStore(async (store) => {
        const [into, from] = [customer(), customer()];
        await store.createCustomer(into, identity());
        await store.createCustomer(from, identity());
        await store.addClaim(into.id, typed('both@example.com', 1));
        await store.addClaim(from.id, typed('both@example.com', 2));
        await store.addClaim(from.id, typed('only@example.com', 3));
        await store.mergeCustomers(into.id, from.id);
        await store.mergeCustomers(into.id, from.id);
        assert.deepEqual(
          (await store.listClaims(into.id)).map((x) => x.address),
          ['both@example.com', 'only@example.com'],
        );
        assert.deepEqual(await store.listClaims(from.id), []);
        assert.deepEqual(await store.findClaimants('email', 'only@example.com'), [into.id]);
      });
    });
  });
}
