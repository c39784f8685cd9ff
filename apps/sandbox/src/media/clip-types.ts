export interface ClipOptions {
  /** Name used in CDN URLs (`/cdn/hls/<name>/…`); `[a-z0-9-]+`. */
  name: string;
  durationSec: number;
  /** Variant heights, highest first is not required; the MP4 at `/cdn/mp4/<name>.mp4` is the highest. */
  heights: number[];
  segmentSec: number;
  fps?: number;
  /** Video bitrate of the highest variant in kbit/s; lower variants scale with their pixel count. */
  videoKbps?: number;
  /** x264 preset; `ultrafast` keeps a 10-minute 1080p clip to a few minutes on two cores. */
  preset?: string;
  /** Cache root; defaults to SANDBOX_MEDIA_DIR or `<repo>/.sandbox-cache/media`. */
  mediaDir?: string;
}

export interface SegmentInfo {
  uri: string;
  durationSec: number;
}

export interface ByteRangeSegment {
  durationSec: number;
  length: number;
  offset: number;
}

export interface ClipVariant {
  height: number;
  width: number;
  /** Peak-ish bandwidth for EXT-X-STREAM-INF, measured from the files. */
  bandwidth: number;
  mp4: string;
  /** Directory with `seg_NNN.ts`. */
  segmentDir: string;
  segments: SegmentInfo[];
  /** `-hls_flags single_file` output. */
  singleFile: string;
  byteRanges: ByteRangeSegment[];
  targetDurationSec: number;
}

export interface Clip {
  name: string;
  dir: string;
  durationSec: number;
  segmentSec: number;
  /** Highest first. */
  variants: ClipVariant[];
}
