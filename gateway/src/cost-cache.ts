import { Kind, visit, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

/** Prices one operation (`requestedCost` with the configured model). */
export type Pricing = (schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>, variables: Record<string, unknown>) => number;

/** What pricing needs of a document, found once: its fragments, and the variables its page sizes use. */
interface PricedDocument {
  fragments: Record<string, FragmentDefinitionNode>;
  /** Variables given to a `first` or `last` argument: the only variables the price depends on. */
  sizeVariables: string[];
  /** Prices by operation name and the values of `sizeVariables`. */
  prices: Map<string, number>;
}

function pricedDocument(document: DocumentNode): PricedDocument {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  const sizeVariables = new Set<string>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  visit(document, {
    Argument(argument) {
      if ((argument.name.value === 'first' || argument.name.value === 'last') && argument.value.kind === Kind.VARIABLE) sizeVariables.add(argument.value.name.value);
    },
  });
  return { fragments, sizeVariables: [...sizeVariables], prices: new Map() };
}

/**
 * The requested cost of an operation depends only on its document, the operation chosen and the
 * values of the variables its `first` and `last` arguments take: a feed page after any cursor costs the same.
 * So each document is priced once per operation and page sizes, and every later request with the
 * same ones reuses the price. Apollo Server hands every request of one query text the same parsed
 * document (its document cache), which is what the cache is keyed by; a document it evicts takes
 * its prices with it.
 */
export function useCostCache(price: Pricing, options: { maxPricesPerDocument?: number } = {}) {
  const maxPrices = options.maxPricesPerDocument ?? 100;
  const bySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, PricedDocument>>();
  return (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number => {
    let documents = bySchema.get(schema);
    if (!documents) bySchema.set(schema, (documents = new WeakMap()));
    let priced = documents.get(document);
    if (!priced) documents.set(document, (priced = pricedDocument(document)));
    let key = operation.name?.value ?? '';
    for (const name of priced.sizeVariables) key += `\n${JSON.stringify(variables[name] ?? null)}`;
    let cost = priced.prices.get(key);
    if (cost === undefined) {
      cost = price(schema, operation, priced.fragments, variables);
      // Page sizes come from clients: keep a bounded number of them per document.
      if (priced.prices.size >= maxPrices) priced.prices.clear();
      priced.prices.set(key, cost);
    }
    return cost;
  };
}
