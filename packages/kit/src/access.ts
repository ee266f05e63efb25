import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import {
  defaultFieldResolver,
  isObjectType,
  type ConstDirectiveNode,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { forbidden, unauthenticated } from './errors.ts';
import type { Viewer } from './viewer.ts';

/**
 * The project's own authorization spec. `@apollo/gateway` refuses supergraphs that import
 * Federation's `@authenticated`/`@requiresScopes`, so these are defined here, `@link`ed by
 * every subgraph and kept in the supergraph with `@composeDirective`.
 */
export const ACCESS_SPEC_URL = 'https://specs.video-commerce.dev/access/v0.1';

/** Paste into a subgraph's SDL (after its `@link`s) to use `@auth` and `@scopes`. */
export const ACCESS_DIRECTIVES_SDL = /* GraphQL */ `
directive @auth on FIELD_DEFINITION | OBJECT
directive @scopes(anyOf: [[String!]!]!) on FIELD_DEFINITION | OBJECT
`;

export interface AccessRule {
  /** A signed-in end user is required. */
  auth: boolean;
  /** The caller must hold every scope of at least one of these sets. */
  scopes: string[][] | null;
}

function readRule(directives: readonly ConstDirectiveNode[] | undefined): AccessRule | null {
  const auth = directives?.some((directive) => directive.name.value === 'auth') ?? false;
  const scopesDirective = directives?.find((directive) => directive.name.value === 'scopes');
  if (!auth && !scopesDirective) return null;
  const anyOf = scopesDirective?.arguments?.find((argument) => argument.name.value === 'anyOf')?.value;
  const scopes =
    anyOf?.kind === 'ListValue'
      ? anyOf.values.map((set) => (set.kind === 'ListValue' ? set.values.flatMap((scope) => (scope.kind === 'StringValue' ? [scope.value] : [])) : []))
      : null;
  return { auth, scopes };
}

function typeDirectives(type: GraphQLObjectType): ConstDirectiveNode[] {
  return [type.astNode, ...type.extensionASTNodes].flatMap((node) => [...(node?.directives ?? [])]);
}

/** The rule on a field: its own directives, else its type's. */
export function accessRuleOf(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): AccessRule | null {
  return readRule(field.astNode?.directives) ?? readRule(typeDirectives(type));
}

/** Throws UNAUTHENTICATED or FORBIDDEN (naming the missing scopes) when the viewer may not pass. */
export function checkAccess(rule: AccessRule, viewer: Viewer, where: string): void {
  if (rule.auth && !viewer.userId) {
    if (viewer.partnerId) throw forbidden(`${where} is for signed-in users; a partner key cannot use it.`, { reason: 'USER_REQUIRED' });
    throw unauthenticated(`${where} requires a signed-in user.`);
  }
  if (rule.scopes) {
    const held = new Set(viewer.scopes);
    if (rule.scopes.some((set) => set.every((scope) => held.has(scope)))) return;
    if (!viewer.userId && !viewer.partnerId) throw unauthenticated(`${where} requires an API key with scope ${describe(rule.scopes)}.`);
    throw forbidden(`${where} requires scope ${describe(rule.scopes)}.`, { requiredScopes: rule.scopes });
  }
}

function describe(sets: string[][]): string {
  return sets.map((set) => set.join(' + ')).join(' or ');
}

/**
 * Wraps the resolver of every field that carries `@auth`/`@scopes` (or whose type does) with
 * the check, so an unauthorized field resolves to null with an error at its own path and the
 * rest of the response comes back; an authorized one makes the response's cache scope PRIVATE.
 * Mutates and returns the schema built by buildSubgraphSchema.
 */
export function enforceAccess<TContext>(schema: GraphQLSchema, viewerOf: (context: TContext) => Viewer): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const rule = accessRuleOf(type, field);
      if (!rule) continue;
      const resolve: GraphQLFieldResolver<unknown, TContext> = field.resolve ?? defaultFieldResolver;
      const where = `${type.name}.${field.name}`;
      field.resolve = (source, args, context, info) => {
        checkAccess(rule, viewerOf(context), where);
        // What only some callers may see is theirs alone: the response's cache-control says
        // `private`, so the gateway keeps it, if at all, for this one viewer.
        maybeCacheControlFromInfo(info)?.cacheHint.restrict({ scope: 'PRIVATE' });
        return resolve(source, args, context, info);
      };
      // A subscription is checked once, when it is made, like a query.
      const subscribe = field.subscribe as GraphQLFieldResolver<unknown, TContext> | undefined;
      if (subscribe) {
        field.subscribe = (source, args, context, info) => {
          checkAccess(rule, viewerOf(context), where);
          return subscribe(source, args, context, info);
        };
      }
    }
  }
  return schema;
}

/**
 * A partner key acts for one brand: whatever its scopes, it may change only that brand's data.
 * @throws FORBIDDEN when the viewer is not a partner acting for `brandId`.
 */
export function requirePartnerOf(viewer: Viewer, brandId: string): void {
  if (viewer.partnerId !== brandId) {
    throw forbidden(viewer.partnerId ? 'This API key acts for another brand.' : 'Only a partner key of the owning brand may do this.', {
      reason: 'NOT_OWNING_PARTNER',
    });
  }
}

/**
 * The signed-in user's id. `@auth` has already refused anyone else where the schema says so; this
 * keeps the type honest and refuses where it does not.
 * @throws UNAUTHENTICATED for an anonymous caller or a partner key.
 */
export function signedInUserId(viewer: Viewer): string {
  if (!viewer.userId) throw unauthenticated();
  return viewer.userId;
}

/**
 * Something that belongs to someone else: FORBIDDEN with a `reason` clients can branch on
 * (NOT_OWN_USER, NOT_ORDER_BUYER, NOT_STREAM_CREATOR ...).
 */
export function notYours(message: string, reason: string) {
  return forbidden(message, { reason });
}

/** @throws FORBIDDEN (`notYours`) unless the signed-in user is `ownerId`. */
export function requireOwner(viewer: Viewer, ownerId: string, message: string, reason: string): void {
  if (signedInUserId(viewer) !== ownerId) throw notYours(message, reason);
}
