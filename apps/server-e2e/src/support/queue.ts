import { type QueueReader, type QueueSnapshot, readQueueSnapshot } from '@aniworld/contracts';

export type { QueueSnapshot };

/** The status with every list in full (pages of 100), through the spec's own HTTP helper. */
export function queueSnapshot(get: QueueReader): Promise<QueueSnapshot> {
  return readQueueSnapshot(get, 100);
}
