/** What resolvers receive for each type (codegen's mappers): the store's rows. */
export type { UserRow } from './db/tables.ts';
