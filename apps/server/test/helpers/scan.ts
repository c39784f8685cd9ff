import type { ScanStatus } from '@aniworld/contracts';
import type { TestApp } from './test-app';
import { waitUntil } from './wait';

/** Starts a library scan over the API and waits for its end state. */
export async function scanToEnd(api: ReturnType<TestApp['api']>): Promise<ScanStatus> {
  const { scan_id } = (await api.post('/api/anime/rescan').expect(202)).body as {
    scan_id: string;
  };
  let status: ScanStatus | null = null;
  await waitUntil(async () => {
    status = (await api.get('/api/anime/scan').expect(200)).body as ScanStatus;
    return status.scan_id === scan_id && status.state !== 'running';
  }, `scan ${scan_id} to end`);
  return status as unknown as ScanStatus;
}
