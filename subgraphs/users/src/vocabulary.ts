/** Users' vocabulary: a leaf the store and the domain both import, importing nothing. */

/** A profile's display name: 1 to this many characters, trimmed. */
export const DISPLAY_NAME_MAX = 50;
/** A profile's bio: at most this many characters, trimmed (empty clears it). */
export const BIO_MAX = 160;

/** The two lists of the follow graph: who follows a user, and whom a user follows. */
export const FOLLOW_DIRECTIONS = ['followers', 'following'] as const;
export type FollowDirection = (typeof FOLLOW_DIRECTIONS)[number];

/** What a creator makes videos about: the directory and search filter by it. */
export const CREATOR_TOPICS = ['cooking', 'fitness', 'beauty', 'gaming', 'travel', 'comedy', 'tech', 'fashion', 'music', 'outdoors'] as const;
export type CreatorTopic = (typeof CREATOR_TOPICS)[number];

/** Search text: at most this many characters, and this many different words. */
export const SEARCH_TEXT_MAX = 100;
export const SEARCH_TERMS_MAX = 8;

/**
 * The directory's look by fulfilment rate (directory.ts): at most this many creators are looked at
 * for one page, asked of commerce this many at a time. The look, not the directory's size, bounds
 * the page's cost; a page may come back short with `hasNextPage` true.
 */
export const FULFILMENT_LOOK_MAX = 500;
export const FULFILMENT_LOOK_BATCH = 100;
