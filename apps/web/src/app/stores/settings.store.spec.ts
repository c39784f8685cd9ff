import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { configResponse } from '../testing/factories';
import { SettingsStore } from './settings.store';

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('SettingsStore', () => {
  let http: HttpTestingController;
  let store: SettingsStore;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(SettingsStore);
  });

  afterEach(() => http.verify());

  it('loads the config and the backups', async () => {
    const load = store.load();
    http.expectOne('/api/config').flush(configResponse());
    await load;
    expect(store.config()?.config.downloads.concurrency).toBe(2);
    const backups = store.loadBackups();
    http.expectOne('/api/config/backups').flush([{ name: 'b1', created_at: 'x', size_bytes: 10 }]);
    await backups;
    expect(store.backups()).toHaveLength(1);
  });

  it('validates before saving and does not save an invalid update', async () => {
    const save = store.save({ downloads: { concurrency: 99 } });
    const validate = http.expectOne('/api/config/validate');
    expect(validate.request.body).toEqual({ downloads: { concurrency: 99 } });
    validate.flush({
      valid: false,
      errors: [{ field: 'downloads.concurrency', errors: ['at most 16'] }],
    });
    expect(await save).toEqual({
      ok: false,
      fieldErrors: [{ field: 'downloads.concurrency', errors: ['at most 16'] }],
      error: null,
    });
    http.expectNone('/api/config');
  });

  it('saves a valid update and refreshes the backups', async () => {
    const save = store.save({ downloads: { concurrency: 3 } });
    http.expectOne('/api/config/validate').flush({ valid: true, errors: [] });
    await settle();
    const put = http.expectOne((r) => r.method === 'PUT' && r.url === '/api/config');
    put.flush({ ...configResponse(), restart_required: [], backup: 'b2' });
    const outcome = await save;
    expect(outcome.ok).toBe(true);
    expect(store.lastSave()?.backup).toBe('b2');
    http.expectOne('/api/config/backups').flush([]);
  });

  it('hands a 400 from the save back as field errors', async () => {
    const save = store.save({ server: { cors_origins: ['x'] } });
    http.expectOne('/api/config/validate').flush({ valid: true, errors: [] });
    await settle();
    http
      .expectOne((r) => r.method === 'PUT')
      .flush(
        {
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: 'Invalid configuration',
          details: [{ field: 'server.cors_origins', errors: ['must be a URL'] }],
        },
        { status: 400, statusText: 'x' },
      );
    const outcome = await save;
    expect(outcome).toMatchObject({
      ok: false,
      fieldErrors: [{ field: 'server.cors_origins', errors: ['must be a URL'] }],
    });
    expect(store.saving()).toBe(false);
  });

  it('restores a backup and shows a refused restore', async () => {
    let restore = store.restore('b1');
    expect(store.restoring()).toBe('b1');
    http
      .expectOne('/api/config/backups/b1/restore')
      .flush({ ...configResponse(), restart_required: [], backup: null });
    await settle();
    http.expectOne('/api/config/backups').flush([]);
    expect(await restore).toBe(true);
    expect(store.restoring()).toBeNull();

    restore = store.restore('gone');
    http
      .expectOne('/api/config/backups/gone/restore')
      .flush(
        { statusCode: 404, code: 'BACKUP_NOT_FOUND', message: 'no such backup' },
        { status: 404, statusText: 'x' },
      );
    expect(await restore).toBe(false);
    expect(store.restoreError()?.code).toBe('BACKUP_NOT_FOUND');
  });

  it('changes the password and returns the refusal otherwise', async () => {
    let change = store.changePassword('old', 'New-passw0rd!');
    const req = http.expectOne('/api/auth/password');
    expect(req.request.body).toEqual({ old_password: 'old', new_password: 'New-passw0rd!' });
    req.flush(null, { status: 204, statusText: 'No Content' });
    expect(await change).toBeNull();
    change = store.changePassword('wrong', 'New-passw0rd!');
    http
      .expectOne('/api/auth/password')
      .flush(
        { statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Wrong password' },
        { status: 401, statusText: 'x' },
      );
    expect((await change)?.message).toBe('Wrong password');
  });
});
