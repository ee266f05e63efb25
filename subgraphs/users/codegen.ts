import { subgraphCodegen } from '../../packages/kit/build/codegen.ts';

export default subgraphCodegen({
  User: '../mappers.ts#UserRow',
  Creator: '../mappers.ts#UserRow',
  UserConnection: '../mappers.ts#FollowListView',
});
