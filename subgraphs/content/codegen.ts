import { subgraphCodegen } from '../../packages/kit/build/codegen.ts';

export default subgraphCodegen({
  Video: '../db/schema.ts#VideoRow',
  LiveStream: '../db/schema.ts#LiveStreamRow',
  Creator: '../db/schema.ts#CreatorRef',
  LiveStreamUpdate: '../db/schema.ts#LiveStreamUpdateEvent',
});
