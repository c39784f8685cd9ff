export { download } from './lib/download';
export { discardPartials, isCompleteVideo, isPartialFile, planPaths } from './lib/layout';
export type { DownloadPaths } from './lib/layout';
export * from './lib/core/errors';
export * from './lib/core/types';
export { detectStreamKind } from './lib/detect';
export { locateMediaTool } from './lib/media/binaries';
export { parseMasterPlaylist, parseMediaPlaylist, selectVariant } from './lib/hls/playlist';
export type { MediaPlaylist, Segment, Variant } from './lib/hls/playlist';
