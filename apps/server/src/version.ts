// eslint-disable-next-line @nx/enforce-module-boundaries -- the product version is the workspace's own
import pkg from '../../../package.json';

/** The product version, from the workspace package.json. */
export const APP_VERSION: string = pkg.version;
