import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { SchedulerResponse } from '@aniworld/contracts';
import { SocketService } from '../core/socket/socket.service';
import { configResponse } from '../testing/factories';
import { FakeSocketService } from '../testing/fake-socket';
import { ScheduleStore } from './schedule.store';

function view(): SchedulerResponse {
  return {
    settings: configResponse().config.scheduler,
    jobs: [
      {
        name: 'library_rescan',
        description: 'Rescan',
        schedule: 'daily 03:00 UTC',
        next_run: '2026-12-07T03:00:00.000Z',
        last_run: null,
        running: false,
      },
    ],
  };
}

describe('ScheduleStore', () => {
  let http: HttpTestingController;
  let socket: FakeSocketService;
  let store: ScheduleStore;

  beforeEach(() => {
    socket = new FakeSocketService();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SocketService, useValue: socket },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(ScheduleStore);
  });

  afterEach(() => http.verify());

  async function loaded(): Promise<void> {
    const load = store.load();
    http.expectOne('/api/scheduler').flush(view());
    await load;
  }

  it('joins the scheduler room and loads the jobs', async () => {
    expect(socket.rooms.has('scheduler')).toBe(true);
    await loaded();
    expect(store.view()?.jobs[0].next_run).toBe('2026-12-07T03:00:00.000Z');
  });

  it('keeps the field errors of a refused save for the form', async () => {
    await loaded();
    const save = store.save({ schedule_time: '25:99' });
    const req = http.expectOne('/api/scheduler');
    expect(req.request.method).toBe('PUT');
    req.flush(
      {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Invalid input',
        details: [{ field: 'schedule_time', errors: ['schedule_time must be a time of day'] }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    expect(await save).toBe(false);
    expect(store.fieldErrors()).toEqual([
      { field: 'schedule_time', errors: ['schedule_time must be a time of day'] },
    ]);
  });

  it('marks a job running after "run now" and reloads when it finishes', async () => {
    await loaded();
    const run = store.run('library_rescan');
    http.expectOne('/api/scheduler/jobs/library_rescan/run').flush({ job: 'library_rescan' });
    await run;
    expect(store.view()?.jobs[0].running).toBe(true);
    socket.emit('job_finished', {
      job: 'library_rescan',
      trigger: 'manual',
      outcome: 'succeeded',
      started_at: '2026-12-06T10:00:00.000Z',
      finished_at: '2026-12-06T10:00:01.000Z',
      duration_ms: 1000,
      message: null,
    });
    http.expectOne('/api/scheduler').flush(view());
  });

  it('shows a refused run next to its job', async () => {
    await loaded();
    const run = store.run('library_rescan');
    http
      .expectOne('/api/scheduler/jobs/library_rescan/run')
      .flush(
        { statusCode: 409, code: 'JOB_RUNNING', message: 'running' },
        { status: 409, statusText: 'Conflict' },
      );
    await run;
    expect(store.runError()?.job).toBe('library_rescan');
    expect(store.runError()?.error.code).toBe('JOB_RUNNING');
  });
});
