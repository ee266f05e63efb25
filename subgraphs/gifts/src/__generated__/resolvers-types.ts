import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { GiftOfferRow, LiveGiftRow, CreatorRef, LiveStreamRef } from '../db/schema.ts';
import type { Money as MoneyValue } from '@app/kit/money';
import type { Context } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  DateTime: { input: Date; output: Date; }
  _FieldSet: { input: any; output: any; }
};

/** A brand partner, owned by the commerce subgraph; gifts only points at one. */
export type Brand = {
  __typename?: 'Brand';
  id: Scalars['ID']['output'];
};

/** A creator, owned by the users subgraph; gifts adds what LIVE gifts earned them. */
export type Creator = {
  __typename?: 'Creator';
  /** Diamonds from every LIVE gift the creator received, and their money value. */
  giftEarnings: GiftEarnings;
  id: Scalars['ID']['output'];
};

/** Diamonds a creator received from LIVE gifts and what they are worth. */
export type GiftEarnings = {
  __typename?: 'GiftEarnings';
  diamonds: Scalars['Int']['output'];
  /** The diamonds' value at the fixed payout rate, rounded down to whole cents. */
  value: Money;
};

/** A free promotional gift a brand partner offers through Small Gestures. */
export type GiftOffer = {
  __typename?: 'GiftOffer';
  /** Whether the offer can be sent now. */
  active: Scalars['Boolean']['output'];
  /** The brand partner behind the offer. */
  brand: Brand;
  /** Codes in the offer's pool not yet given out. At zero the offer cannot be sent. */
  codesLeft: Scalars['Int']['output'];
  description: Scalars['String']['output'];
  /** When the offer ends; null while it has no end date. */
  endsAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** ISO 3166-1 alpha-2 country codes the offer can be sent in, e.g. ["US"]. */
  regions: Array<Scalars['String']['output']>;
  /** What the gift would cost if bought; the recipient pays nothing. */
  retailValue: Money;
  startsAt: Scalars['DateTime']['output'];
  title: Scalars['String']['output'];
};

export type GiftOfferConnection = {
  __typename?: 'GiftOfferConnection';
  edges: Array<GiftOfferEdge>;
  pageInfo: PageInfo;
};

export type GiftOfferEdge = {
  __typename?: 'GiftOfferEdge';
  cursor: Scalars['String']['output'];
  node: GiftOffer;
};

/** A virtual gift a viewer sends a creator during a live stream, paid for in coins. */
export type LiveGift = {
  __typename?: 'LiveGift';
  /** What one of this gift costs the sender, in coins. */
  coinPrice: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  imageUrl: Scalars['String']['output'];
  name: Scalars['String']['output'];
};

/** A live stream, owned by the content subgraph; gifts adds what viewers gifted during it. */
export type LiveStream = {
  __typename?: 'LiveStream';
  giftTotals: LiveStreamGiftTotals;
  id: Scalars['ID']['output'];
};

/** What viewers gifted during one live stream. */
export type LiveStreamGiftTotals = {
  __typename?: 'LiveStreamGiftTotals';
  /** Coins spent on gifts. */
  coins: Scalars['Int']['output'];
  /** Diamonds credited to the creator. */
  diamonds: Scalars['Int']['output'];
  /** Gifts sent; a send of several of the same gift counts each one. */
  giftCount: Scalars['Int']['output'];
  /** Distinct viewers who sent at least one gift. */
  gifterCount: Scalars['Int']['output'];
};

/** An amount of money. */
export type Money = {
  __typename?: 'Money';
  /** Integer minor units of the currency, e.g. 1299 for $12.99. */
  amount: Scalars['Int']['output'];
  /** ISO 4217 currency code, e.g. USD. */
  currencyCode: Scalars['String']['output'];
  /** The amount for display, e.g. "$12.99". */
  formatted: Scalars['String']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** A Small Gestures offer, active or not. NOT_FOUND when no offer has this id. */
  giftOffer?: Maybe<GiftOffer>;
  /** Small Gestures offers, active ones first, then by title. */
  giftOffers: GiftOfferConnection;
  /** The LIVE gift catalog, cheapest first. */
  liveGifts: Array<LiveGift>;
};


export type QueryGiftOfferArgs = {
  id: Scalars['ID']['input'];
};


export type QueryGiftOffersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Creator: Creator;
  GiftOffer: GiftOffer;
  LiveGift: LiveGift;
  LiveStream: LiveStream;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Creator:
    ( { __typename: 'Creator' }
    & GraphQLRecursivePick<FederationTypes['Creator'], {"id":true}> );
  GiftOffer:
    ( { __typename: 'GiftOffer' }
    & GraphQLRecursivePick<FederationTypes['GiftOffer'], {"id":true}> );
  LiveGift:
    ( { __typename: 'LiveGift' }
    & GraphQLRecursivePick<FederationTypes['LiveGift'], {"id":true}> );
  LiveStream:
    ( { __typename: 'LiveStream' }
    & GraphQLRecursivePick<FederationTypes['LiveStream'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Brand: ResolverTypeWrapper<Brand>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Creator: ResolverTypeWrapper<CreatorRef>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  GiftEarnings: ResolverTypeWrapper<Omit<GiftEarnings, 'value'> & { value: ResolversTypes['Money'] }>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  GiftOffer: ResolverTypeWrapper<GiftOfferRow>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  GiftOfferConnection: ResolverTypeWrapper<Omit<GiftOfferConnection, 'edges'> & { edges: Array<ResolversTypes['GiftOfferEdge']> }>;
  GiftOfferEdge: ResolverTypeWrapper<Omit<GiftOfferEdge, 'node'> & { node: ResolversTypes['GiftOffer'] }>;
  LiveGift: ResolverTypeWrapper<LiveGiftRow>;
  LiveStream: ResolverTypeWrapper<LiveStreamRef>;
  LiveStreamGiftTotals: ResolverTypeWrapper<LiveStreamGiftTotals>;
  Money: ResolverTypeWrapper<MoneyValue>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Brand: Brand;
  ID: Scalars['ID']['output'];
  Creator: CreatorRef;
  DateTime: Scalars['DateTime']['output'];
  GiftEarnings: Omit<GiftEarnings, 'value'> & { value: ResolversParentTypes['Money'] };
  Int: Scalars['Int']['output'];
  GiftOffer: GiftOfferRow;
  Boolean: Scalars['Boolean']['output'];
  String: Scalars['String']['output'];
  GiftOfferConnection: Omit<GiftOfferConnection, 'edges'> & { edges: Array<ResolversParentTypes['GiftOfferEdge']> };
  GiftOfferEdge: Omit<GiftOfferEdge, 'node'> & { node: ResolversParentTypes['GiftOffer'] };
  LiveGift: LiveGiftRow;
  LiveStream: LiveStreamRef;
  LiveStreamGiftTotals: LiveStreamGiftTotals;
  Money: MoneyValue;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
};

export type BrandResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Brand'] = ResolversParentTypes['Brand']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type CreatorResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Creator'] = ResolversParentTypes['Creator'], FederationReferenceType extends FederationReferenceTypes['Creator'] = FederationReferenceTypes['Creator']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Creator']> | FederationReferenceType, FederationReferenceType, ContextType>;
  giftEarnings?: Resolver<ResolversTypes['GiftEarnings'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type GiftEarningsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GiftEarnings'] = ResolversParentTypes['GiftEarnings']> = {
  diamonds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
};

export type GiftOfferResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GiftOffer'] = ResolversParentTypes['GiftOffer'], FederationReferenceType extends FederationReferenceTypes['GiftOffer'] = FederationReferenceTypes['GiftOffer']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['GiftOffer']> | FederationReferenceType, FederationReferenceType, ContextType>;
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  brand?: Resolver<ResolversTypes['Brand'], ParentType, ContextType>;
  codesLeft?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  endsAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  regions?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  retailValue?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  startsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type GiftOfferConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GiftOfferConnection'] = ResolversParentTypes['GiftOfferConnection']> = {
  edges?: Resolver<Array<ResolversTypes['GiftOfferEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type GiftOfferEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GiftOfferEdge'] = ResolversParentTypes['GiftOfferEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['GiftOffer'], ParentType, ContextType>;
};

export type LiveGiftResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LiveGift'] = ResolversParentTypes['LiveGift'], FederationReferenceType extends FederationReferenceTypes['LiveGift'] = FederationReferenceTypes['LiveGift']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LiveGift']> | FederationReferenceType, FederationReferenceType, ContextType>;
  coinPrice?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imageUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type LiveStreamResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LiveStream'] = ResolversParentTypes['LiveStream'], FederationReferenceType extends FederationReferenceTypes['LiveStream'] = FederationReferenceTypes['LiveStream']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LiveStream']> | FederationReferenceType, FederationReferenceType, ContextType>;
  giftTotals?: Resolver<ResolversTypes['LiveStreamGiftTotals'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type LiveStreamGiftTotalsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LiveStreamGiftTotals'] = ResolversParentTypes['LiveStreamGiftTotals']> = {
  coins?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  diamonds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  giftCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  gifterCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MoneyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = {
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currencyCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  formatted?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  giftOffer?: Resolver<Maybe<ResolversTypes['GiftOffer']>, ParentType, ContextType, RequireFields<QueryGiftOfferArgs, 'id'>>;
  giftOffers?: Resolver<ResolversTypes['GiftOfferConnection'], ParentType, ContextType, RequireFields<QueryGiftOffersArgs, 'first'>>;
  liveGifts?: Resolver<Array<ResolversTypes['LiveGift']>, ParentType, ContextType>;
};

export type Resolvers<ContextType = Context> = {
  Brand?: BrandResolvers<ContextType>;
  Creator?: CreatorResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  GiftEarnings?: GiftEarningsResolvers<ContextType>;
  GiftOffer?: GiftOfferResolvers<ContextType>;
  GiftOfferConnection?: GiftOfferConnectionResolvers<ContextType>;
  GiftOfferEdge?: GiftOfferEdgeResolvers<ContextType>;
  LiveGift?: LiveGiftResolvers<ContextType>;
  LiveStream?: LiveStreamResolvers<ContextType>;
  LiveStreamGiftTotals?: LiveStreamGiftTotalsResolvers<ContextType>;
  Money?: MoneyResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
};

