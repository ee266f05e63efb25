import type { Engine } from '@app/kit/db/engine';
import { insertRows } from '@app/kit/db/shapes';
import type { GiftsStatements } from '../contract.ts';
import type { GiftsTables } from '../tables.ts';

/** The double-entry ledger: a transaction and its legs, written together. */
export function ledgerStatements(engine: Engine<GiftsTables>) {
  const { db } = engine;
  const { ledgerTransactions, ledgerEntries } = engine.tables;
  return {
    insertLedgerTransaction: async (row, legs) => {
      await db.insert(ledgerTransactions).values(row);
      await insertRows(
        engine,
        ledgerEntries,
        legs.map((leg) => ({ transactionId: row.id, ...leg })),
      );
    },
  } satisfies Partial<GiftsStatements>;
}
