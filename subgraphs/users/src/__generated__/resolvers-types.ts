import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { UserRow, FollowListView } from '../mappers.ts';
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

/** A user who publishes videos and goes live. A creator's id is their user id. */
export type Creator = {
  __typename?: 'Creator';
  bio?: Maybe<Scalars['String']['output']>;
  country: Scalars['String']['output'];
  displayName: Scalars['String']['output'];
  followerCount: Scalars['Int']['output'];
  /** Who follows this creator, most recent first: 20 at a time unless `first` says otherwise; `last`/`before` page back from the end or a cursor. */
  followers: UserConnection;
  followingCount: Scalars['Int']['output'];
  handle: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** What the creator makes videos about; null until they say. */
  topic?: Maybe<CreatorTopic>;
  user: User;
  verified: Scalars['Boolean']['output'];
};


/** A user who publishes videos and goes live. A creator's id is their user id. */
export type CreatorFollowersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * A page of creators. No `totalCount`: no count of creators (or of a search's matches) is kept, and
 * the graph never counts a list at read time.
 */
export type CreatorConnection = {
  __typename?: 'CreatorConnection';
  edges: Array<CreatorEdge>;
  pageInfo: PageInfo;
};

export type CreatorEdge = {
  __typename?: 'CreatorEdge';
  cursor: Scalars['String']['output'];
  node: Creator;
};

/** What a creator makes videos about. */
export type CreatorTopic =
  | 'beauty'
  | 'comedy'
  | 'cooking'
  | 'fashion'
  | 'fitness'
  | 'gaming'
  | 'music'
  | 'outdoors'
  | 'tech'
  | 'travel';

export type FollowPayload = {
  __typename?: 'FollowPayload';
  /** The user followed or unfollowed, with updated counts. */
  user: User;
  /** Whether the signed-in user now follows them. */
  viewerFollows: Scalars['Boolean']['output'];
};

/** A range of follower counts, both ends inclusive, either left open. */
export type FollowerBand = {
  max?: InputMaybe<Scalars['Int']['input']>;
  min?: InputMaybe<Scalars['Int']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Follow a user or creator as the signed-in user. Following someone already followed changes nothing. */
  follow?: Maybe<FollowPayload>;
  /** Stop following a user. Unfollowing someone not followed changes nothing. */
  unfollow?: Maybe<FollowPayload>;
  /** Change the signed-in user's display name or bio. */
  updateProfile?: Maybe<User>;
};


export type MutationFollowArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationUnfollowArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationUpdateProfileArgs = {
  input: UpdateProfileInput;
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
  /** A creator by `id` or by `handle` (exactly one of the two). NOT_FOUND when none matches. */
  creator?: Maybe<Creator>;
  /** Creators ordered by handle: `first`/`after` page forward (20 unless `first` says otherwise), `last`/`before` back from the end or a cursor. */
  creators: CreatorConnection;
  /** The signed-in user. */
  me?: Maybe<User>;
  /**
   * The creators directory: creators most followed first, narrowed by any of words of their handle,
   * name or bio (`text`: each word matches the start of one of theirs, all must), a topic, a follower
   * band and a country. BAD_USER_INPUT (naming the argument) for text with no word or over 100
   * characters, a band whose min is above its max, or a country that is not two capital letters.
   * Pages forward with `first`/`after` (20 unless `first` says otherwise) and back with
   * `last`/`before`; a creator whose follower count moves between two pages may be met twice or not
   * at all, as in any list sorted by a live count.
   *
   * `minFulfilmentRate` (0 to 1, else BAD_USER_INPUT naming it) keeps creators whose campaign sample
   * fulfilment rate (`Creator.sampleFulfilment.rate`, commerce's) is at least that; a creator with no
   * settled sample has no rate yet and is left out. Commerce shows rates to partner keys with
   * `campaigns:read` or `campaigns:write`: anyone else gets its FORBIDDEN, and SERVICE_UNAVAILABLE
   * when commerce does not answer. With it, a page looks at no more than 500 creators of the
   * directory: it may hold fewer than `first` (even none) while `hasNextPage` is true, and its
   * `endCursor` (`startCursor` when paging back) is the last creator looked at, kept or not, so the
   * next page goes on from there. Such an answer is never cached.
   */
  searchCreators: CreatorConnection;
  /** A person on the app. NOT_FOUND when no user has this id. */
  user?: Maybe<User>;
};


export type QueryCreatorArgs = {
  handle?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryCreatorsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySearchCreatorsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  country?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  followers?: InputMaybe<FollowerBand>;
  last?: InputMaybe<Scalars['Int']['input']>;
  minFulfilmentRate?: InputMaybe<Scalars['Float']['input']>;
  text?: InputMaybe<Scalars['String']['input']>;
  topic?: InputMaybe<CreatorTopic>;
};


export type QueryUserArgs = {
  id: Scalars['ID']['input'];
};

export type UpdateProfileInput = {
  /** At most 160 characters; an empty string clears it. */
  bio?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 50 characters. */
  displayName?: InputMaybe<Scalars['String']['input']>;
  /** What the creator makes videos about (creators only: FORBIDDEN, reason NOT_A_CREATOR, for others). */
  topic?: InputMaybe<CreatorTopic>;
};

/** Someone who uses the app. */
export type User = {
  __typename?: 'User';
  bio?: Maybe<Scalars['String']['output']>;
  /** ISO 3166-1 alpha-2 country code, e.g. US. */
  country: Scalars['String']['output'];
  /** The user's creator profile, when they are a creator. */
  creator?: Maybe<Creator>;
  displayName: Scalars['String']['output'];
  followerCount: Scalars['Int']['output'];
  /** Who follows this user, most recent first: 20 at a time unless `first` says otherwise; `last`/`before` page back from the end or a cursor. */
  followers: UserConnection;
  /** Whom this user follows, most recent first: 20 at a time unless `first` says otherwise; `last`/`before` page back from the end or a cursor. */
  following: UserConnection;
  followingCount: Scalars['Int']['output'];
  handle: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  joinedAt: Scalars['DateTime']['output'];
  verified: Scalars['Boolean']['output'];
};


/** Someone who uses the app. */
export type UserFollowersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Someone who uses the app. */
export type UserFollowingArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type UserConnection = {
  __typename?: 'UserConnection';
  edges: Array<UserEdge>;
  pageInfo: PageInfo;
  /** How many the whole list holds (followers or followees), as kept with every follow: one row read, never a count. */
  totalCount: Scalars['Int']['output'];
};

export type UserEdge = {
  __typename?: 'UserEdge';
  cursor: Scalars['String']['output'];
  node: User;
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
  User: User;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Creator:
    ( { __typename: 'Creator' }
    & GraphQLRecursivePick<FederationTypes['Creator'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Creator: ResolverTypeWrapper<UserRow>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CreatorConnection: ResolverTypeWrapper<Omit<CreatorConnection, 'edges'> & { edges: Array<ResolversTypes['CreatorEdge']> }>;
  CreatorEdge: ResolverTypeWrapper<Omit<CreatorEdge, 'node'> & { node: ResolversTypes['Creator'] }>;
  CreatorTopic: null;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  FollowPayload: ResolverTypeWrapper<Omit<FollowPayload, 'user'> & { user: ResolversTypes['User'] }>;
  FollowerBand: FollowerBand;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  UpdateProfileInput: UpdateProfileInput;
  User: ResolverTypeWrapper<UserRow>;
  UserConnection: ResolverTypeWrapper<FollowListView>;
  UserEdge: ResolverTypeWrapper<Omit<UserEdge, 'node'> & { node: ResolversTypes['User'] }>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Creator: UserRow;
  ID: Scalars['ID']['output'];
  CreatorConnection: Omit<CreatorConnection, 'edges'> & { edges: Array<ResolversParentTypes['CreatorEdge']> };
  CreatorEdge: Omit<CreatorEdge, 'node'> & { node: ResolversParentTypes['Creator'] };
  DateTime: Scalars['DateTime']['output'];
  FollowPayload: Omit<FollowPayload, 'user'> & { user: ResolversParentTypes['User'] };
  FollowerBand: FollowerBand;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  Float: Scalars['Float']['output'];
  UpdateProfileInput: UpdateProfileInput;
  User: UserRow;
  UserConnection: FollowListView;
  UserEdge: Omit<UserEdge, 'node'> & { node: ResolversParentTypes['User'] };
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
};

export type AuthDirectiveArgs = { };

export type AuthDirectiveResolver<Result, Parent, ContextType = Context, Args = AuthDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = Context, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ScopesDirectiveArgs = {
  anyOf: Array<Array<Scalars['String']['input']>>;
};

export type ScopesDirectiveResolver<Result, Parent, ContextType = Context, Args = ScopesDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type CreatorResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Creator'] = ResolversParentTypes['Creator'], FederationReferenceType extends FederationReferenceTypes['Creator'] = FederationReferenceTypes['Creator']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Creator']> | FederationReferenceType, FederationReferenceType, ContextType>;
  bio?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  country?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  followerCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  followers?: Resolver<ResolversTypes['UserConnection'], ParentType, ContextType, Partial<CreatorFollowersArgs>>;
  followingCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  handle?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  topic?: Resolver<Maybe<ResolversTypes['CreatorTopic']>, ParentType, ContextType>;
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  verified?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type CreatorConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CreatorConnection'] = ResolversParentTypes['CreatorConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CreatorEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type CreatorEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CreatorEdge'] = ResolversParentTypes['CreatorEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Creator'], ParentType, ContextType>;
};

export type CreatorTopicResolvers = { BEAUTY: 'beauty', COMEDY: 'comedy', COOKING: 'cooking', FASHION: 'fashion', FITNESS: 'fitness', GAMING: 'gaming', MUSIC: 'music', OUTDOORS: 'outdoors', TECH: 'tech', TRAVEL: 'travel' };

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type FollowPayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['FollowPayload'] = ResolversParentTypes['FollowPayload']> = {
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  viewerFollows?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  follow?: Resolver<Maybe<ResolversTypes['FollowPayload']>, ParentType, ContextType, RequireFields<MutationFollowArgs, 'userId'>>;
  unfollow?: Resolver<Maybe<ResolversTypes['FollowPayload']>, ParentType, ContextType, RequireFields<MutationUnfollowArgs, 'userId'>>;
  updateProfile?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType, RequireFields<MutationUpdateProfileArgs, 'input'>>;
};

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  creator?: Resolver<Maybe<ResolversTypes['Creator']>, ParentType, ContextType, Partial<QueryCreatorArgs>>;
  creators?: Resolver<ResolversTypes['CreatorConnection'], ParentType, ContextType, Partial<QueryCreatorsArgs>>;
  me?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  searchCreators?: Resolver<ResolversTypes['CreatorConnection'], ParentType, ContextType, Partial<QuerySearchCreatorsArgs>>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType, RequireFields<QueryUserArgs, 'id'>>;
};

export type UserResolvers<ContextType = Context, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  bio?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  country?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  creator?: Resolver<Maybe<ResolversTypes['Creator']>, ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  followerCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  followers?: Resolver<ResolversTypes['UserConnection'], ParentType, ContextType, Partial<UserFollowersArgs>>;
  following?: Resolver<ResolversTypes['UserConnection'], ParentType, ContextType, Partial<UserFollowingArgs>>;
  followingCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  handle?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  joinedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  verified?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type UserConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['UserConnection'] = ResolversParentTypes['UserConnection']> = {
  edges?: Resolver<Array<ResolversTypes['UserEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type UserEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['UserEdge'] = ResolversParentTypes['UserEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
};

export type Resolvers<ContextType = Context> = {
  Creator?: CreatorResolvers<ContextType>;
  CreatorConnection?: CreatorConnectionResolvers<ContextType>;
  CreatorEdge?: CreatorEdgeResolvers<ContextType>;
  CreatorTopic?: CreatorTopicResolvers;
  DateTime?: GraphQLScalarType;
  FollowPayload?: FollowPayloadResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  UserConnection?: UserConnectionResolvers<ContextType>;
  UserEdge?: UserEdgeResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = Context> = {
  auth?: AuthDirectiveResolver<any, any, ContextType>;
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
  scopes?: ScopesDirectiveResolver<any, any, ContextType>;
};
