import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { VideoRow, LiveStreamRow, CreatorRef, ProductRef, VideoListView, LiveStreamUpdateEvent } from '../mappers.ts';
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

export type Creator = {
  __typename?: 'Creator';
  id: Scalars['ID']['output'];
  /** This creator's live streams, newest first (by start, or by schedule when not started): `first`/`after` page forward (20 unless `first` says otherwise), `last`/`before` back. */
  liveStreams?: Maybe<LiveStreamConnection>;
  videoCount?: Maybe<Scalars['Int']['output']>;
  /** This creator's videos, newest first: `first`/`after` page forward (20 unless `first` says otherwise), `last`/`before` back; `totalCount` is the creator's kept video count. */
  videos?: Maybe<VideoConnection>;
};


export type CreatorLiveStreamsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type CreatorVideosArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type DeleteVideoPayload = {
  __typename?: 'DeleteVideoPayload';
  deletedVideoId: Scalars['ID']['output'];
};

/** A creator's live broadcast: scheduled, live now, or ended. */
export type LiveStream = {
  __typename?: 'LiveStream';
  /** Whose stream it is; null when the users subgraph, which completes creators, is unavailable. */
  creator?: Maybe<Creator>;
  endedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  isLive: Scalars['Boolean']['output'];
  scheduledFor?: Maybe<Scalars['DateTime']['output']>;
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: LiveStreamStatus;
  title: Scalars['String']['output'];
  /** Viewers watching now; 0 unless the stream is live. */
  viewerCount: Scalars['Int']['output'];
};

/** A page of live streams. No `totalCount`: no count of these lists is kept, and the graph never counts a list at read time. */
export type LiveStreamConnection = {
  __typename?: 'LiveStreamConnection';
  edges: Array<LiveStreamEdge>;
  pageInfo: PageInfo;
};

export type LiveStreamEdge = {
  __typename?: 'LiveStreamEdge';
  cursor: Scalars['String']['output'];
  node: LiveStream;
};

export type LiveStreamStatus =
  | 'ENDED'
  | 'LIVE'
  | 'SCHEDULED';

/** A change of a live stream's status. */
export type LiveStreamUpdate = {
  __typename?: 'LiveStreamUpdate';
  /** The event id: ordered per stream; pass it as `after` to resume. */
  id: Scalars['ID']['output'];
  /** The status this change set. */
  status: LiveStreamStatus;
  /** The stream as it is now. */
  stream: LiveStream;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Deletes a video with its likes and tags (its creator only). */
  deleteVideo?: Maybe<DeleteVideoPayload>;
  /**
   * Ends a scheduled or live stream (its creator only). Every subscription to the stream sends its
   * last event and completes. Ending an ended stream changes nothing.
   */
  endLiveStream?: Maybe<LiveStream>;
  /** Likes a video as the signed-in user. Liking a video already liked changes nothing. */
  likeVideo?: Maybe<Video>;
  /**
   * Publishes a video as the signed-in creator (NOT_A_CREATOR for a user without a creator profile),
   * tagging up to 5 products in it. BAD_USER_INPUT (with the `field` at fault) for a caption over
   * 2200 characters, a bad hashtag or more than 20, a duration outside 1–600 seconds, a media URL
   * that is not https, more than 5 products or one twice, or a product commerce does not know
   * (`unknownProductIds`) or no longer sells (`archivedProductIds`). SERVICE_UNAVAILABLE when users
   * or commerce cannot be asked; nothing is published then.
   */
  publishVideo?: Maybe<Video>;
  /**
   * Schedules a live stream for the signed-in creator. NOT_A_CREATOR for a user without a creator
   * profile; BAD_USER_INPUT for a title over 100 characters or a time not in the next 90 days.
   * Re-sending the same idempotency key and input returns the first stream.
   */
  scheduleLiveStream?: Maybe<LiveStream>;
  /**
   * Makes `productIds`, in this order, the products a video tags (its creator only): add, reorder
   * or remove tags in one call; an empty list removes them all. The rules of `publishVideo` apply,
   * except that a product already tagged may stay after its brand stops selling it.
   */
  setVideoProducts?: Maybe<Video>;
  /**
   * Takes a scheduled stream live (its creator only: FORBIDDEN, reason NOT_STREAM_CREATOR).
   * Starting a live stream again changes nothing; an ended one is STREAM_ENDED.
   */
  startLiveStream?: Maybe<LiveStream>;
  /** Takes back the signed-in user's like. Unliking a video not liked changes nothing. */
  unlikeVideo?: Maybe<Video>;
  /** Changes a video's caption or hashtags (its creator only: FORBIDDEN, reason NOT_VIDEO_CREATOR); what is left out stays. */
  updateVideo?: Maybe<Video>;
};


export type MutationDeleteVideoArgs = {
  id: Scalars['ID']['input'];
};


export type MutationEndLiveStreamArgs = {
  id: Scalars['ID']['input'];
};


export type MutationLikeVideoArgs = {
  id: Scalars['ID']['input'];
};


export type MutationPublishVideoArgs = {
  input: PublishVideoInput;
};


export type MutationScheduleLiveStreamArgs = {
  input: ScheduleLiveStreamInput;
};


export type MutationSetVideoProductsArgs = {
  productIds: Array<Scalars['ID']['input']>;
  videoId: Scalars['ID']['input'];
};


export type MutationStartLiveStreamArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUnlikeVideoArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUpdateVideoArgs = {
  id: Scalars['ID']['input'];
  input: UpdateVideoInput;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type Product = {
  __typename?: 'Product';
  id: Scalars['ID']['output'];
};

export type PublishVideoInput = {
  /** At most 2200 characters; may be empty. */
  caption: Scalars['String']['input'];
  /** Whole seconds, 1 to 600. */
  durationSeconds: Scalars['Int']['input'];
  /** At most 20, each letters, digits or _ (a leading # is dropped); repeats are dropped. */
  hashtags?: InputMaybe<Array<Scalars['String']['input']>>;
  /**
   * Optional: 8 to 100 letters, digits or . _ : - ; sending the same key and input again returns
   * the first video rather than publishing a second (IDEMPOTENCY_KEY_REUSED for other input).
   */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The HLS playlist's https URL (the media service hosts the media). */
  playbackUrl: Scalars['String']['input'];
  /** Products to tag, in order: at most 5, each on sale. */
  productIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** The thumbnail's https URL. */
  thumbnailUrl: Scalars['String']['input'];
};

export type Query = {
  __typename?: 'Query';
  /** Videos for everyone, newest first: `first`/`after` page forward (20 unless `first` says otherwise), `last`/`before` back from the oldest or a cursor. No `totalCount` (null): the size of the whole feed is not kept. */
  feed: VideoConnection;
  /**
   * Streams that are live right now, most viewers first (ties to the lower id): `first`/`after`
   * page forward (20 unless `first` says otherwise), `last`/`before` back. A stream whose viewer
   * count moves between two pages may be met twice or not at all.
   */
  liveNow: LiveStreamConnection;
  /** A live stream, whatever its status. NOT_FOUND when no stream has this id. */
  liveStream?: Maybe<LiveStream>;
  /** A video. NOT_FOUND when no video has this id. */
  video?: Maybe<Video>;
};


export type QueryFeedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryLiveNowArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryLiveStreamArgs = {
  id: Scalars['ID']['input'];
};


export type QueryVideoArgs = {
  id: Scalars['ID']['input'];
};

export type ScheduleLiveStreamInput = {
  /** 8 to 100 letters, digits or . _ : - ; the same key and input return the first result. */
  idempotencyKey: Scalars['String']['input'];
  scheduledFor: Scalars['DateTime']['input'];
  title: Scalars['String']['input'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * A stream's status changes as they commit: SCHEDULED, LIVE, ENDED. Completes after ENDED (at
   * once, after sending ENDED, when the stream has already ended). Pass the last event id seen as
   * `after` to get every change missed since, in order; EVENTS_EXPIRED when that is older than
   * the retention window.
   */
  liveStreamUpdates: LiveStreamUpdate;
};


export type SubscriptionLiveStreamUpdatesArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  liveStreamId: Scalars['ID']['input'];
};

export type UpdateVideoInput = {
  caption?: InputMaybe<Scalars['String']['input']>;
  hashtags?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** A short video a creator published. */
export type Video = {
  __typename?: 'Video';
  caption: Scalars['String']['output'];
  /** Who published it; null when the users subgraph, which completes creators, is unavailable. */
  creator?: Maybe<Creator>;
  durationSeconds: Scalars['Int']['output'];
  /** Hashtags without the leading #, in the creator's order (the seed's: the order the caption uses them). */
  hashtags: Array<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  likeCount: Scalars['Int']['output'];
  /** An HLS playlist URL. */
  playbackUrl: Scalars['String']['output'];
  publishedAt: Scalars['DateTime']['output'];
  /**
   * The products its creator tagged in it, in their order (at most 5), written with
   * `publishVideo`/`setVideoProducts`; null when commerce, which completes products, is unavailable.
   * (`products`, from commerce, lists the seed world's tags.)
   */
  taggedProducts?: Maybe<Array<Product>>;
  thumbnailUrl: Scalars['String']['output'];
  viewCount: Scalars['Int']['output'];
  /** Whether the signed-in viewer likes it; false for anyone not signed in. Never kept by the gateway. */
  viewerHasLiked: Scalars['Boolean']['output'];
};

export type VideoConnection = {
  __typename?: 'VideoConnection';
  edges: Array<VideoEdge>;
  pageInfo: PageInfo;
  /** How many videos the whole list holds where that is kept (a creator's videos: one row read); null where it is not (the feed). */
  totalCount?: Maybe<Scalars['Int']['output']>;
};

export type VideoEdge = {
  __typename?: 'VideoEdge';
  cursor: Scalars['String']['output'];
  node: Video;
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
  LiveStream: LiveStream;
  Video: Video;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Creator:
    ( { __typename: 'Creator' }
    & GraphQLRecursivePick<FederationTypes['Creator'], {"id":true}> );
  LiveStream:
    ( { __typename: 'LiveStream' }
    & GraphQLRecursivePick<FederationTypes['LiveStream'], {"id":true}> );
  Video:
    ( { __typename: 'Video' }
    & GraphQLRecursivePick<FederationTypes['Video'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Creator: ResolverTypeWrapper<CreatorRef>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeleteVideoPayload: ResolverTypeWrapper<DeleteVideoPayload>;
  LiveStream: ResolverTypeWrapper<LiveStreamRow>;
  LiveStreamConnection: ResolverTypeWrapper<Omit<LiveStreamConnection, 'edges'> & { edges: Array<ResolversTypes['LiveStreamEdge']> }>;
  LiveStreamEdge: ResolverTypeWrapper<Omit<LiveStreamEdge, 'node'> & { node: ResolversTypes['LiveStream'] }>;
  LiveStreamStatus: LiveStreamStatus;
  LiveStreamUpdate: ResolverTypeWrapper<LiveStreamUpdateEvent>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Product: ResolverTypeWrapper<ProductRef>;
  PublishVideoInput: PublishVideoInput;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ScheduleLiveStreamInput: ScheduleLiveStreamInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  UpdateVideoInput: UpdateVideoInput;
  Video: ResolverTypeWrapper<VideoRow>;
  VideoConnection: ResolverTypeWrapper<VideoListView>;
  VideoEdge: ResolverTypeWrapper<Omit<VideoEdge, 'node'> & { node: ResolversTypes['Video'] }>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Creator: CreatorRef;
  ID: Scalars['ID']['output'];
  DateTime: Scalars['DateTime']['output'];
  DeleteVideoPayload: DeleteVideoPayload;
  LiveStream: LiveStreamRow;
  LiveStreamConnection: Omit<LiveStreamConnection, 'edges'> & { edges: Array<ResolversParentTypes['LiveStreamEdge']> };
  LiveStreamEdge: Omit<LiveStreamEdge, 'node'> & { node: ResolversParentTypes['LiveStream'] };
  LiveStreamUpdate: LiveStreamUpdateEvent;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  Product: ProductRef;
  PublishVideoInput: PublishVideoInput;
  Query: Record<PropertyKey, never>;
  ScheduleLiveStreamInput: ScheduleLiveStreamInput;
  Subscription: Record<PropertyKey, never>;
  UpdateVideoInput: UpdateVideoInput;
  Video: VideoRow;
  VideoConnection: VideoListView;
  VideoEdge: Omit<VideoEdge, 'node'> & { node: ResolversParentTypes['Video'] };
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
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  liveStreams?: Resolver<Maybe<ResolversTypes['LiveStreamConnection']>, ParentType, ContextType, Partial<CreatorLiveStreamsArgs>>;
  videoCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  videos?: Resolver<Maybe<ResolversTypes['VideoConnection']>, ParentType, ContextType, Partial<CreatorVideosArgs>>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeleteVideoPayloadResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DeleteVideoPayload'] = ResolversParentTypes['DeleteVideoPayload']> = {
  deletedVideoId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type LiveStreamResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LiveStream'] = ResolversParentTypes['LiveStream'], FederationReferenceType extends FederationReferenceTypes['LiveStream'] = FederationReferenceTypes['LiveStream']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['LiveStream']> | FederationReferenceType, FederationReferenceType, ContextType>;
  creator?: Resolver<Maybe<ResolversTypes['Creator']>, ParentType, ContextType>;
  endedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isLive?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  scheduledFor?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['LiveStreamStatus'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  viewerCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type LiveStreamConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LiveStreamConnection'] = ResolversParentTypes['LiveStreamConnection']> = {
  edges?: Resolver<Array<ResolversTypes['LiveStreamEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type LiveStreamEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LiveStreamEdge'] = ResolversParentTypes['LiveStreamEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['LiveStream'], ParentType, ContextType>;
};

export type LiveStreamUpdateResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LiveStreamUpdate'] = ResolversParentTypes['LiveStreamUpdate']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['LiveStreamStatus'], ParentType, ContextType>;
  stream?: Resolver<ResolversTypes['LiveStream'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  deleteVideo?: Resolver<Maybe<ResolversTypes['DeleteVideoPayload']>, ParentType, ContextType, RequireFields<MutationDeleteVideoArgs, 'id'>>;
  endLiveStream?: Resolver<Maybe<ResolversTypes['LiveStream']>, ParentType, ContextType, RequireFields<MutationEndLiveStreamArgs, 'id'>>;
  likeVideo?: Resolver<Maybe<ResolversTypes['Video']>, ParentType, ContextType, RequireFields<MutationLikeVideoArgs, 'id'>>;
  publishVideo?: Resolver<Maybe<ResolversTypes['Video']>, ParentType, ContextType, RequireFields<MutationPublishVideoArgs, 'input'>>;
  scheduleLiveStream?: Resolver<Maybe<ResolversTypes['LiveStream']>, ParentType, ContextType, RequireFields<MutationScheduleLiveStreamArgs, 'input'>>;
  setVideoProducts?: Resolver<Maybe<ResolversTypes['Video']>, ParentType, ContextType, RequireFields<MutationSetVideoProductsArgs, 'productIds' | 'videoId'>>;
  startLiveStream?: Resolver<Maybe<ResolversTypes['LiveStream']>, ParentType, ContextType, RequireFields<MutationStartLiveStreamArgs, 'id'>>;
  unlikeVideo?: Resolver<Maybe<ResolversTypes['Video']>, ParentType, ContextType, RequireFields<MutationUnlikeVideoArgs, 'id'>>;
  updateVideo?: Resolver<Maybe<ResolversTypes['Video']>, ParentType, ContextType, RequireFields<MutationUpdateVideoArgs, 'id' | 'input'>>;
};

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ProductResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  feed?: Resolver<ResolversTypes['VideoConnection'], ParentType, ContextType, Partial<QueryFeedArgs>>;
  liveNow?: Resolver<ResolversTypes['LiveStreamConnection'], ParentType, ContextType, Partial<QueryLiveNowArgs>>;
  liveStream?: Resolver<Maybe<ResolversTypes['LiveStream']>, ParentType, ContextType, RequireFields<QueryLiveStreamArgs, 'id'>>;
  video?: Resolver<Maybe<ResolversTypes['Video']>, ParentType, ContextType, RequireFields<QueryVideoArgs, 'id'>>;
};

export type SubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  liveStreamUpdates?: SubscriptionResolver<ResolversTypes['LiveStreamUpdate'], "liveStreamUpdates", ParentType, ContextType, RequireFields<SubscriptionLiveStreamUpdatesArgs, 'liveStreamId'>>;
};

export type VideoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Video'] = ResolversParentTypes['Video'], FederationReferenceType extends FederationReferenceTypes['Video'] = FederationReferenceTypes['Video']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Video']> | FederationReferenceType, FederationReferenceType, ContextType>;
  caption?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  creator?: Resolver<Maybe<ResolversTypes['Creator']>, ParentType, ContextType>;
  durationSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  hashtags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  likeCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  playbackUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  publishedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  taggedProducts?: Resolver<Maybe<Array<ResolversTypes['Product']>>, ParentType, ContextType>;
  thumbnailUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  viewCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  viewerHasLiked?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type VideoConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['VideoConnection'] = ResolversParentTypes['VideoConnection']> = {
  edges?: Resolver<Array<ResolversTypes['VideoEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type VideoEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['VideoEdge'] = ResolversParentTypes['VideoEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Video'], ParentType, ContextType>;
};

export type Resolvers<ContextType = Context> = {
  Creator?: CreatorResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DeleteVideoPayload?: DeleteVideoPayloadResolvers<ContextType>;
  LiveStream?: LiveStreamResolvers<ContextType>;
  LiveStreamConnection?: LiveStreamConnectionResolvers<ContextType>;
  LiveStreamEdge?: LiveStreamEdgeResolvers<ContextType>;
  LiveStreamUpdate?: LiveStreamUpdateResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Video?: VideoResolvers<ContextType>;
  VideoConnection?: VideoConnectionResolvers<ContextType>;
  VideoEdge?: VideoEdgeResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = Context> = {
  auth?: AuthDirectiveResolver<any, any, ContextType>;
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
  scopes?: ScopesDirectiveResolver<any, any, ContextType>;
};
