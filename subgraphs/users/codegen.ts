import { subgraphCodegen } from '../../packages/kit/build/codegen.ts';
import { CREATOR_TOPICS } from './src/vocabulary.ts';

export default subgraphCodegen(
  {
    User: '../mappers.ts#UserRow',
    Creator: '../mappers.ts#UserRow',
    UserConnection: '../mappers.ts#FollowListView',
  },
  { CreatorTopic: Object.fromEntries(CREATOR_TOPICS.map((topic) => [topic.toUpperCase(), topic])) },
);
