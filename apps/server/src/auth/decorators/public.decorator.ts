import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'aniworld:public';

/** Opts a route out of the global authentication guard. Use sparingly: deny is the default. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
