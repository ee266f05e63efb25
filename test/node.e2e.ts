/**
 * Relay's `node(id:)` through the gateway, for every type that implements `Node` in the composed
 * API schema (read here, so a type added later is walked without editing this file): a real id
 * of each from the seed world, refetched with a fragment on its type, answers the same fields as
 * its owners give for that id; an object the viewer may not see is null, as an unknown id of its
 * kind; an id no type could have is BAD_USER_INPUT.
 *
 * Sample ids come from the owner's store (the first rows whose id has the type's prefix); the
 * viewer who may see one is found among the users its row (or a row it points at) names.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildSchema,
  getNamedType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  Kind,
  parse,
  type ConstDirectiveNode,
  type GraphQLObjectType,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import { seedId } from '@app/fixtures/ids';
import { creatorIds, userIds } from '@app/fixtures/world';
import type { SubgraphName } from '@app/kit/config';
import { createLogger } from '@app/kit/log';
import { createPeerClient } from '@app/kit/peers';
import { anonymousViewer, type Viewer } from '@app/kit/viewer';
import { NODE_PREFIXES } from '@app/subgraph-commerce/src/node.ts';
import { startGraph, TEST_INTERNAL_SECRET, type RunningGraph } from './harness.ts';

const api = buildSchema(readFileSync(new URL('../schema/api.graphql', import.meta.url), 'utf8'));
const supergraph = parse(readFileSync(new URL('../schema/supergraph.graphql', import.meta.url), 'utf8'));
const nodeInterface = api.getType('Node');
if (!isInterfaceType(nodeInterface)) throw new Error('the API schema has no Node interface');
/** Every type that implements Node, as clients see the schema. */
const NODE_TYPES = api.getPossibleTypes(nodeInterface).map((type) => type.name).sort();

/** The prefix and owner of a Node type, from commerce's table. */
function kindOf(typename: string): { prefix: string; owner: SubgraphName } {
  const entry = Object.entries(NODE_PREFIXES).find(([, kind]) => kind.types.includes(typename as never));
  if (!entry) throw new Error(`${typename} implements Node but has no prefix in subgraphs/commerce/src/node.ts`);
  return { prefix: entry[0], owner: entry[1].owner };
}

/** The fields of a type a fragment can ask without arguments that end in a value (scalars, enums, lists of them). */
function leafFields(typename: string): string[] {
  const type = api.getType(typename) as GraphQLObjectType;
  return Object.values(type.getFields())
    .filter((field) => isLeafType(getNamedType(field.type)) && field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined))
    .map((field) => field.name);
}

const argument = (directive: ConstDirectiveNode, name: string) => directive.arguments?.find((arg) => arg.name.value === name)?.value;
const enumArgument = (directive: ConstDirectiveNode, name: string) => {
  const value = argument(directive, name);
  return value?.kind === Kind.ENUM ? value.value : undefined;
};
/** The supergraph's graph enum values by subgraph name (`COMMERCE` → `commerce`). */
const GRAPH_NAMES = new Map<string, SubgraphName>();
for (const definition of supergraph.definitions) {
  if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
  for (const value of definition.values ?? []) {
    const joinGraph = value.directives?.find((directive) => directive.name.value === 'join__graph');
    const name = joinGraph && argument(joinGraph, 'name');
    if (name?.kind === Kind.STRING) GRAPH_NAMES.set(value.name.value, name.value as SubgraphName);
  }
}

/**
 * Which subgraph answers each field, from the supergraph's join directives: a field a subgraph
 * resolves itself (not `external`), the type's owner when several do (e.g. `id`).
 */
function fieldsBySubgraph(typename: string, fields: readonly string[], owner: SubgraphName): Map<SubgraphName, string[]> {
  const definition = supergraph.definitions.find((node): node is ObjectTypeDefinitionNode => node.kind === Kind.OBJECT_TYPE_DEFINITION && node.name.value === typename);
  if (!definition) throw new Error(`${typename} is not in the supergraph`);
  const graphsOf = (directives: readonly ConstDirectiveNode[] | undefined, name: string) =>
    (directives ?? [])
      .filter((directive) => directive.name.value === name && argument(directive, 'external')?.kind !== Kind.BOOLEAN)
      .map((directive) => GRAPH_NAMES.get(enumArgument(directive, 'graph') ?? '') as SubgraphName);
  const typeGraphs = graphsOf(definition.directives, 'join__type');
  const bySubgraph = new Map<SubgraphName, string[]>();
  for (const name of fields) {
    const field = definition.fields?.find((candidate) => candidate.name.value === name);
    const joined = graphsOf(field?.directives, 'join__field');
    const graphs = joined.length > 0 ? joined : typeGraphs;
    const graph = graphs.includes(owner) ? owner : (graphs[0] as SubgraphName);
    bySubgraph.set(graph, [...(bySubgraph.get(graph) ?? []), name]);
  }
  return bySubgraph;
}

let graph: RunningGraph;
let peers: ReturnType<typeof createPeerClient>;

beforeAll(async () => {
  graph = await startGraph();
  peers = createPeerClient({ urls: graph.subgraphUrls, secret: TEST_INTERNAL_SECRET, logger: createLogger('node-e2e', { level: 'silent' }) });
});
afterAll(() => graph?.stop());

/** Who asks: anonymous (null) or a signed-in user, as a bearer token to the gateway and a signed viewer to a subgraph. */
type Asker = string | null;
const headersOf = async (asker: Asker): Promise<Record<string, string>> => (asker ? { authorization: `Bearer ${await graph.tokenFor(asker)}` } : {});
const viewerOf = (asker: Asker): Viewer => (asker ? { ...anonymousViewer(), userId: asker, country: 'US' } : anonymousViewer());

const refetchQuery = (typename: string) => `query Refetch($id: ID!) { node(id: $id) { __typename id ... on ${typename} { ${leafFields(typename).join(' ')} } } }`;

async function refetch(typename: string, id: string, asker: Asker) {
  const { status, body } = await graph.query(refetchQuery(typename), { id }, await headersOf(asker));
  expect(status).toBe(200);
  expect(body.errors, `${typename} ${id}`).toBeUndefined();
  return body.data.node as Record<string, unknown> | null;
}

/** The tables of a store with a text `id` column, on either engine. */
async function idTables(owner: SubgraphName): Promise<string[]> {
  const rows = graph.rows(owner);
  const tables = graph.databaseUrls
    ? await rows.all<{ table: string }>(`select table_name as "table" from information_schema.columns where table_schema = current_schema() and column_name = 'id' and data_type = 'text'`)
    : await rows.all<{ table: string }>(`select m.name as "table" from sqlite_master m join pragma_table_info(m.name) c where m.type = 'table' and c.name = 'id' and upper(c.type) = 'TEXT'`);
  return tables.map((row) => row.table).sort();
}

/** Rows of the owner's store whose id has this prefix, the first few by id. */
async function rowsWithPrefix(owner: SubgraphName, prefix: string, limit = 30): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (const table of await idTables(owner)) {
    found.push(...(await graph.rows(owner).all(`select * from "${table}" where substr(id, 1, ?) = ? order by id limit ${limit}`, prefix.length + 1, `${prefix}_`)));
  }
  return found.slice(0, limit);
}

/** The users a row names, and those named by the rows it points at (a return's order's buyer). */
async function usersNamedBy(owner: SubgraphName, row: Record<string, unknown>): Promise<string[]> {
  const users = new Set<string>();
  const values = Object.entries(row).filter(([column, value]) => column !== 'id' && typeof value === 'string') as [string, string][];
  for (const [, value] of values) if (value.startsWith('usr_')) users.add(value);
  for (const [column, value] of values) {
    if (!column.endsWith('_id') || value.startsWith('usr_') || !/^[a-z]{3}_/.test(value)) continue;
    for (const table of await idTables(owner)) {
      for (const pointed of await graph.rows(owner).all(`select * from "${table}" where id = ?`, value)) {
        for (const named of Object.values(pointed)) if (typeof named === 'string' && named.startsWith('usr_')) users.add(named);
      }
    }
  }
  return [...users];
}

interface Sample {
  id: string;
  /** Who may see it: null when anyone may. */
  asker: Asker;
  node: Record<string, unknown>;
  /** The users the sample's rows name: never a stranger. */
  named: string[];
}

/** A real object of the type from the seed world, and a viewer it answers to through `node`. */
async function sampleOf(typename: string): Promise<Sample> {
  const { prefix, owner } = kindOf(typename);
  const rows = await rowsWithPrefix(owner, prefix);
  for (const row of rows) {
    const id = row.id as string;
    const named = await usersNamedBy(owner, row);
    for (const asker of [null, ...named]) {
      const node = await refetch(typename, id, asker);
      if (node?.__typename === typename) return { id, asker, node, named };
      // Another type for the same id (a user who is not a creator): try another row.
      if (node) break;
    }
  }
  throw new Error(`No ${typename} in the seed world answers node(id:) (${rows.length} rows with prefix ${prefix}_ in ${owner}'s store)`);
}

describe('node(id:) through the gateway', () => {
  it('has a prefix for every type that implements Node in the API schema', () => {
    expect(NODE_TYPES.length).toBeGreaterThan(10);
    for (const typename of NODE_TYPES) expect(kindOf(typename).prefix).toMatch(/^[a-z]{3}$/);
    const tabled = Object.values(NODE_PREFIXES).flatMap((kind) => kind.types);
    expect([...tabled].sort()).toEqual(NODE_TYPES);
  });

  describe.each(NODE_TYPES)('%s', (typename) => {
    let sample: Sample;
    beforeAll(async () => {
      sample = await sampleOf(typename);
    });

    it('refetches a real one with a fragment on its type, every field as its owners answer for that id', async () => {
      const { owner } = kindOf(typename);
      const expected: Record<string, unknown> = { __typename: typename };
      for (const [subgraph, fields] of fieldsBySubgraph(typename, ['id', ...leafFields(typename)], owner)) {
        const [entity] = await peers.entities(subgraph, typename, [sample.id], fields.join(' '), viewerOf(sample.asker));
        expect(entity, `${subgraph} knows ${typename} ${sample.id}`).toBeTruthy();
        Object.assign(expected, entity);
      }
      expect(sample.node).toEqual(expected);
      expect(sample.node.id).toBe(sample.id);
    });

    it('answers null for an unknown id of its kind, to anyone, with no error', async () => {
      const { prefix } = kindOf(typename);
      for (const asker of new Set([null, sample.asker])) {
        expect(await refetch(typename, `${prefix}_unknown0000000`, asker)).toBeNull();
        const { body } = await graph.query('query ($id: ID!) { node(id: $id) { id } }', { id: `${prefix}_unknown0000000` }, await headersOf(asker));
        expect(body.errors).toBeUndefined();
        expect(body.data).toEqual({ node: null });
      }
    });

    it('answers null, as for an unknown id, to a viewer who may not see it', async () => {
      if (sample.asker === null) return; // public: anyone sees it
      const stranger = userIds.find((id) => !sample.named.includes(id)) as string;
      expect(await refetch(typename, sample.id, null)).toBeNull();
      expect(await refetch(typename, sample.id, stranger)).toBeNull();
      const { body } = await graph.query('query ($id: ID!) { node(id: $id) { id } }', { id: sample.id }, await headersOf(stranger));
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({ node: null });
    });
  });

  it("refetches a creator's id as the Creator with a Creator fragment and as the User with a User fragment, each reaching the other", async () => {
    const creator = (await sampleOf('Creator')).id;
    const asCreator = await graph.query('query ($id: ID!) { node(id: $id) { __typename id ... on Creator { handle user { id handle } } } }', { id: creator });
    const asUser = await graph.query('query ($id: ID!) { node(id: $id) { __typename id ... on User { handle creator { id handle } } } }', { id: creator });
    const both = await graph.query('query ($id: ID!) { node(id: $id) { __typename ... on User { handle } ... on Creator { handle } } }', { id: creator });
    expect(asCreator.body.errors).toBeUndefined();
    expect(asUser.body.errors).toBeUndefined();
    const handle = asCreator.body.data.node.handle as string;
    expect(asCreator.body.data.node).toEqual({ __typename: 'Creator', id: creator, handle, user: { id: creator, handle } });
    expect(asUser.body.data.node).toEqual({ __typename: 'User', id: creator, handle, creator: { id: creator, handle } });
    expect(both.body.data.node).toEqual({ __typename: 'Creator', handle });

    // A user who is not a creator is a User, whatever the selection: a Creator fragment finds nothing in it.
    const user = userIds.find((id) => !creatorIds.includes(id)) as string;
    const userAsCreator = await graph.query('query ($id: ID!) { node(id: $id) { __typename id ... on Creator { handle } } }', { id: user });
    expect(userAsCreator.body.errors).toBeUndefined();
    expect(userAsCreator.body.data).toEqual({ node: { __typename: 'User', id: user } });
  });

  it('refuses an id no type could have as BAD_USER_INPUT, saying why', async () => {
    // A ledger transaction's id is a real id of the seed world, of a kind no type has.
    const refused = ['', 'nothing', 'usr_', '_abc', 'prd_not an id', 'xyz_abc', seedId('ltx', 0)];
    for (const id of refused) {
      const { status, body } = await graph.query('query ($id: ID!) { node(id: $id) { __typename id } }', { id });
      expect(status, id).toBe(200);
      expect(body.data, id).toEqual({ node: null });
      expect(body.errors, id).toHaveLength(1);
      expect(body.errors?.[0], id).toMatchObject({ path: ['node'], extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('is not a global id') });
    }
  });
});
