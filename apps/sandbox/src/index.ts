export { startSandbox, type Sandbox, type SandboxOptions } from './sandbox';
export { SANDBOX_PREFIXES } from './mounts';
export { ensureClip, defaultMediaDir, SAMPLE_CLIP } from './media/clips';
export type { Clip, ClipOptions, ClipVariant } from './media/clip-types';
export { FAULT_KEYS, parseFaultSpec, type FaultSpec, type ChallengeKind } from './server/faults';
export type { SandboxStats, PathStats } from './server/stats';
export { AES_SEQ_FIRST_SEQUENCE, clipKey, clipIv } from './cdn/playlists';
export { FAKE_PNG_HEADER } from './server/deliver';
export * from './catalog/catalog';
