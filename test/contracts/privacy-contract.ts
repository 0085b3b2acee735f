/**
 * The Store contract for export and erase (src/core/privacy.ts): run by runStoreContract for
 * every store. `seedPrivate` is also used by the store-specific checks that grep the files
 * (SQLite) and the collections (MongoDB) for the erased values.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Customer } from '../../src/core/model.js';
import type { FiguresSource, Store } from '../../src/core/ports.js';
import { isPrivacyStore, type PrivacyStore } from '../../src/core/privacy.js';
import {
  at,
  conversation,
  customer,
  decision,
  draft,
  job,
  message,
  outbound,
  rating,
} from './store-fixtures.js';

/** The values that must be gone after the erasure (and present in the export before). */
export const SECRET = {
  email: 'erase.me.ann@example.org',
  phone: '+15557654321',
  text: 'Parcel quokka-7781 never arrived at Larkspur Lane',
  name: 'Annabel Quokkason',
  draft: 'Dear Annabel, your quokka parcel',
  comment: 'quokka courier was rude',
  file: 'QUOKKA-INVOICE-PDF-BYTES',
};

export interface Seeded {
  ann: Customer;
  other: Customer;
  fileId: string;
}

/** A customer with every kind of record the desk keeps, and an unrelated one. */
export async function seedPrivate(store: Store): Promise<Seeded> {
  const ann = customer({ name: SECRET.name, language: 'en' });
  await store.createCustomer(ann, { channel: 'email', address: SECRET.email, displayName: SECRET.name });
  await store.addIdentity(ann.id, { channel: 'sms', address: SECRET.phone });
  await store.addClaim(ann.id, {
    channel: 'email',
    address: `alt.${SECRET.email}`,
    kind: 'typed',
    claimedAt: at(1),
  });
  // A profile merged into Ann earlier: its leftovers are hers too.
  const old = customer({ name: `${SECRET.name} (old)` });
  await store.createCustomer(old, { channel: 'webchat', address: 'wc-quokka-visitor-0001' });
  await store.mergeCustomers(ann.id, old.id);
  await store.updateCustomer(old.id, { mergedInto: ann.id });

  const conv = conversation(ann.id, { channel: 'email' });
  await store.createConversation(conv);
  const fileId = `file-${ann.id}`;
  await store.putFile({
    id: fileId,
    contentType: 'application/pdf',
    dataBase64: Buffer.from(SECRET.file).toString('base64'),
  });
  const inbound = message(conv, {
    address: SECRET.email,
    replyRef: `email:support@shop.example:${SECRET.email}`,
    text: SECRET.text,
    fullText: `${SECRET.text}\n-- call me on ${SECRET.phone}`,
    subject: `Where is ${SECRET.text}`,
    meta: { from: SECRET.email },
    attachments: [{ name: 'invoice.pdf', contentType: 'application/pdf', size: 24, fileId }],
    createdAt: at(1),
  });
  await store.insertMessage(inbound);
  await store.updateMessage(inbound.id, {
    stage: 'presented',
    classification: {
      language: 'en',
      intent: 'order',
      confidence: 0.9,
      urgency: 'normal',
      sentiment: 'negative',
      requestedChannel: 'none',
      recommendedChannel: 'email',
      reason: 'order',
      entities: {
        orderNumbers: ['7781'],
        emails: [SECRET.email],
        phones: [SECRET.phone],
        money: [],
        dates: [],
      },
    },
  });
  const d = draft(conv, { text: SECRET.draft, replyRef: inbound.replyRef, inReplyTo: inbound.id });
  await store.insertDraft(d);
  const reply = outbound(conv, {
    text: SECRET.draft,
    address: SECRET.email,
    replyRef: inbound.replyRef,
    createdAt: at(3),
  });
  await store.commitDecision(decision(d.id, { kind: 'edit_send', text: SECRET.draft }), 'sent', {
    message: reply,
    job: job(reply),
  });
  await store.updateConversation(conv.id, { firstResponseAt: at(3), resolvedAt: at(5), status: 'resolved' });
  await store.insertRating(rating(conv, { score: 4, comment: SECRET.comment, createdAt: at(6) }));
  await store.putIntakeFailure({
    channel: 'email',
    externalId: '<broken@mail>',
    signature: 'Error',
    attempts: 3,
    firstAt: at(1),
    lastAt: at(2),
    setAsideAt: at(2),
    summary: { from: SECRET.email },
  });

  const other = customer({ name: 'Bob Keep' });
  await store.createCustomer(other, { channel: 'email', address: 'bob.keep@example.org' });
  const conv2 = conversation(other.id);
  await store.createConversation(conv2);
  await store.insertMessage(message(conv2, { text: 'Bob keeps this text', address: 'bob.keep@example.org' }));
  return { ann, other, fileId };
}

const PERIOD = { from: at(-60 * 24), to: at(60 * 24), tz: 'UTC' };

export function runPrivacyContract(withStore: (fn: (store: Store) => Promise<void>) => Promise<void>): void {
  describe('export and erase', () => {
    it('exports everything kept about the customer, files described without their bytes', async () => {
      await withStore(async (store) => {
        assert.ok(isPrivacyStore(store));
        const { ann, fileId } = await seedPrivate(store);
        const out = await store.exportCustomer(ann.id, at(100));
        assert.ok(out);
        assert.equal(out.customer.name, SECRET.name);
        assert.equal(out.mergedProfiles.length, 1);
        assert.deepEqual(
          out.identities.map((i) => i.address).sort(),
          [SECRET.phone, SECRET.email, 'wc-quokka-visitor-0001'].sort(),
        );
        assert.deepEqual(
          out.claims.map((c) => c.address),
          [`alt.${SECRET.email}`],
        );
        assert.equal(out.conversations.length, 1);
        assert.equal(out.messages.length, 2);
        assert.equal(out.messages[0]!.text, SECRET.text);
        assert.equal(out.drafts[0]!.text, SECRET.draft);
        assert.equal(out.decisions[0]!.text, SECRET.draft);
        assert.equal(out.ratings[0]!.comment, SECRET.comment);
        assert.equal(out.jobs.length, 1);
        assert.deepEqual(out.attachments, [
          {
            name: 'invoice.pdf',
            contentType: 'application/pdf',
            size: 24,
            fileId,
            messageId: out.messages[0]!.id,
          },
        ]);
        assert.equal(await store.exportCustomer('nobody', at(100)), undefined);
      });
    });

    it('forget erases the personal data, keeps the figures of past periods, spares others', async () => {
      await withStore(async (store) => {
        const figures = store as Store & FiguresSource & PrivacyStore;
        const { ann, other, fileId } = await seedPrivate(store);
        const before = await figures.figures(PERIOD);
        const summary = await figures.forgetCustomer(ann.id);
        assert.equal(summary.customers, 2);
        assert.equal(summary.messages, 2);
        assert.equal(summary.files, 1);
        assert.equal(summary.identities, 3);
        assert.equal(summary.claims, 1);
        assert.deepEqual(await figures.figures(PERIOD), before, 'figures unchanged');

        const after = await figures.exportCustomer(ann.id, at(100));
        assert.ok(after, 'the anonymous rows stay');
        const dump = JSON.stringify(after);
        for (const value of Object.values(SECRET)) assert.ok(!dump.includes(value), `no ${value}`);
        assert.ok(!dump.includes('quokka'), 'nothing of the text');
        assert.equal(after.messages.length, 2, 'rows kept for the counts');
        assert.equal(after.messages[0]!.classification?.intent, 'order');
        assert.equal(after.ratings[0]!.score, 4);
        assert.equal(await store.getFile(fileId), undefined);
        assert.equal(await store.findCustomerByIdentity('email', SECRET.email), undefined);
        assert.equal(await store.findCustomerByIdentity('sms', SECRET.phone), undefined);
        assert.deepEqual(await store.listSetAside(10), []);
        // Another customer keeps everything.
        assert.equal((await store.getCustomer(other.id))?.name, 'Bob Keep');
        const bob = await figures.exportCustomer(other.id, at(100));
        assert.equal(bob?.messages[0]?.text, 'Bob keeps this text');
        // Erasing twice is harmless.
        await figures.forgetCustomer(ann.id);
        assert.deepEqual(await figures.figures(PERIOD), before);
      });
    });

    it('forget deletes the files the owner shared with the customer’s replies, and their names', async () => {
      await withStore(async (store) => {
        const figures = store as Store & FiguresSource & PrivacyStore;
        const { ann } = await seedPrivate(store);
        const conv = await store.latestConversation(ann.id);
        assert.ok(conv);
        await store.putFile({
          id: 'out-annfile-0',
          contentType: 'application/pdf',
          dataBase64: Buffer.from(SECRET.file).toString('base64'),
          expiresAt: at(1000),
        });
        const d = draft(conv, {
          origin: 'owner_note',
          text: '',
          attachments: [
            { name: 'quokka-annabel.pdf', contentType: 'application/pdf', size: 24, fileId: 'out-annfile-0' },
          ],
        });
        await store.insertDraft(d);
        await figures.forgetCustomer(ann.id);
        assert.equal(await store.getFile('out-annfile-0'), undefined);
        assert.equal((await store.getDraft(d.id))?.attachments, undefined);
      });
    });

    it('retention blanks bodies and deletes files of older messages only, once', async () => {
      await withStore(async (store) => {
        const privacy = store as Store & PrivacyStore;
        const { ann, other, fileId } = await seedPrivate(store);
        // Ann's inbound is at minute 1, her reply at 3; Bob's message at minute 1 too.
        const first = await privacy.eraseOlderThan(at(2));
        assert.deepEqual(first, { messages: 2, files: 1 });
        assert.deepEqual(await privacy.eraseOlderThan(at(2)), { messages: 0, files: 0 });
        assert.equal(await store.getFile(fileId), undefined);
        const out = await privacy.exportCustomer(ann.id, at(100));
        assert.equal(out?.messages[0]?.text, '');
        assert.equal(out?.messages[0]?.subject, undefined);
        assert.equal(out?.messages[1]?.text, SECRET.draft, 'newer message kept');
        assert.equal((await privacy.exportCustomer(other.id, at(100)))?.messages[0]?.text, '');
      });
    });
  });
}
