import { rmSync } from 'node:fs';
import request from 'supertest';
import type { SchedulerResponse } from '@aniworld/contracts';
import { FakeClock } from '../../test/helpers/fake-clock';
import { startTestApp, tempDir, TEST_PASSWORD, type TestApp } from '../../test/helpers/test-app';
import { waitUntil } from '../../test/helpers/wait';
import type { SchedulerJobEntity } from './entities/scheduler-job.entity';
import { SchedulerJobRepository } from './scheduler-job.repository';

const HOUR = 60 * 60 * 1000;

function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`${what} is missing`);
  return value;
}

/**
 * Misfire recovery over a restart, on a real SQLite file: last and next runs survive the restart;
 * a slot missed by less than a period runs once at start, one missed by more is skipped. The
 * server "is down" while a fake clock moves past the slot (no real waiting).
 */
describe('scheduler misfire recovery across restarts (SQLite)', () => {
  const dataDir = tempDir('aniworld-misfire-');
  const clock = new FakeClock();
  let t: TestApp | null = null;

  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const app = () => must(t, 'the app');
  const restart = async () => {
    await t?.close();
    t = null;
    t = await startTestApp({ DATA_DIR: dataDir }, { clock });
  };
  const row = () => app().app.get(SchedulerJobRepository).get('housekeeping');
  const housekeeping = async (): Promise<SchedulerJobEntity> => must(await row(), 'the job row');
  const nextRun = (job: SchedulerJobEntity) => must(job.nextRunAt, 'next_run_at');

  it('runs a slot missed by less than a day once at start, and skips one missed by more', async () => {
    await restart();
    await app().setUp();
    await waitUntil(async () => (await row()) !== null, 'the job row');
    const first = await housekeeping();
    expect(first.lastStartedAt).toBeNull();

    // Down over the 04:30 slot, back an hour later: the slot runs now, as a misfire.
    await app().close();
    t = null;
    clock.advance(nextRun(first) - clock.now() + HOUR);
    await restart();
    await waitUntil(async () => (await housekeeping()).lastFinishedAt !== null, 'the misfire run');
    const recovered = await housekeeping();
    expect(recovered.lastTrigger).toBe('misfire');
    expect(recovered.lastOutcome).toBe('succeeded');
    expect(recovered.nextRunAt).toBe(nextRun(first) + 24 * HOUR);
    const login = await request(app().url)
      .post('/api/auth/login')
      .send({ password: TEST_PASSWORD })
      .expect(200);
    const token = (login.body as { access_token: string }).access_token;
    const view = (await app().api(token).get('/api/scheduler').expect(200))
      .body as SchedulerResponse;
    expect(view.jobs.find((j) => j.name === 'housekeeping')?.last_run?.outcome).toBe('succeeded');

    // Down for more than a whole day past the next slot: no catch-up, the next slot is waited for.
    await app().close();
    t = null;
    clock.advance(nextRun(recovered) - clock.now() + 25 * HOUR);
    await restart();
    await waitUntil(
      async () => nextRun(await housekeeping()) > clock.now(),
      'the missed slot to be skipped',
    );
    const skipped = await housekeeping();
    expect(skipped.lastStartedAt).toBe(recovered.lastStartedAt);
    expect(skipped.nextRunAt).toBe(nextRun(recovered) + 2 * 24 * HOUR);
  }, 60_000);
});
