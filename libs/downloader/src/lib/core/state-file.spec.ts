import { mkdtempSync, promises as fs, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  readState,
  StateSaver,
  STATE_VERSION,
  writeStateAtomic,
  type HlsState,
} from './state-file';

describe('state file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dl-state-'));
  const state: HlsState = {
    version: STATE_VERSION,
    kind: 'hls',
    fingerprint: 'f',
    nextIndex: 3,
    offset: 999,
  };

  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('round-trips and leaves no temp file behind', async () => {
    const p = join(dir, 'a.part.json');
    await writeStateAtomic(p, state);
    expect(await readState(p)).toEqual(state);
    expect(await fs.readdir(dir)).toEqual(['a.part.json']);
  });

  it('treats missing, torn or foreign-version files as no state', async () => {
    expect(await readState(join(dir, 'missing.json'))).toBeNull();
    const torn = join(dir, 'torn.json');
    writeFileSync(torn, '{"version":1,"kind":"hl');
    expect(await readState(torn)).toBeNull();
    const old = join(dir, 'old.json');
    writeFileSync(old, JSON.stringify({ ...state, version: 0 }));
    expect(await readState(old)).toBeNull();
  });

  it('saver syncs the data before writing, throttles, and flushes the latest state', async () => {
    const p = join(dir, 'b.part.json');
    let clock = 0;
    let current = { ...state };
    const order: string[] = [];
    const saver = new StateSaver<HlsState>(
      p,
      () => ({ ...current }),
      async () => {
        order.push(`sync@${current.nextIndex}`);
      },
      1000,
      () => clock,
    );
    saver.tick();
    current = { ...current, nextIndex: 4 };
    saver.tick(); // within the interval: ignored
    await saver.flush();
    expect(order).toEqual(['sync@3', 'sync@4']);
    expect((await readState(p)) as HlsState).toMatchObject({ nextIndex: 4 });
    clock = 5000;
    current = { ...current, nextIndex: 9 };
    saver.tick();
    await saver.remove();
    expect(await readState(p)).toBeNull();
  });
});
