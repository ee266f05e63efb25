import { serviceBuild } from '../packages/kit/build/tsup.service.ts';

export default serviceBuild;
