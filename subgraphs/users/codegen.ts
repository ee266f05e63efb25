import { subgraphCodegen } from '../../packages/kit/build/codegen.ts';

export default subgraphCodegen({
  User: '../db/schema.ts#UserRow',
  Creator: '../db/schema.ts#UserRow',
});
