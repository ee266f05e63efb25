import { subgraphCodegen } from '../../packages/kit/build/codegen.ts';

export default subgraphCodegen({
  Video: '../mappers.ts#VideoRow',
  LiveStream: '../mappers.ts#LiveStreamRow',
  Creator: '../mappers.ts#CreatorRef',
  Product: '../mappers.ts#ProductRef',
  VideoConnection: '../mappers.ts#VideoListView',
  LiveStreamUpdate: '../mappers.ts#LiveStreamUpdateEvent',
});
