import { configResponse } from '../../testing/factories';
import {
  applyFieldErrors,
  buildConfigForm,
  bytesOfMegabytes,
  configUpdateOf,
  controlMessage,
  megabytesText,
  patchConfigForm,
} from './config-form';

describe('config form', () => {
  function loadedForm() {
    const form = buildConfigForm();
    const { config, overridden_by_env } = configResponse();
    patchConfigForm(form, config, overridden_by_env);
    return form;
  }

  it('shows the config and locks what the environment overrides', () => {
    const form = loadedForm();
    expect(form.get('downloads.concurrency')?.value).toBe(2);
    expect(form.get('providers.hoster_order')?.value).toEqual(['VOE', 'Filemoon', 'Vidmoly']);
    expect(form.get('anime_directory')?.disabled).toBe(true);
  });

  it('builds a partial update without the locked fields, with CORS origins as a list', () => {
    const form = loadedForm();
    form.get('server.cors_origins')?.setValue(' http://a.test , ,http://b.test');
    form.get('downloads.bandwidth_limit')?.setValue('2.5');
    const update = configUpdateOf(form);
    expect(update).not.toHaveProperty('anime_directory');
    expect(update.server).toEqual({ cors_origins: ['http://a.test', 'http://b.test'] });
    expect(update.downloads).toMatchObject({ concurrency: 2, bandwidth_limit: 2_500_000 });
    expect(update.metadata).toEqual({ language: 'de-DE', overwrite_nfo: false });
  });

  it('puts server field errors on their controls and returns the rest', () => {
    const form = loadedForm();
    const unplaced = applyFieldErrors(form, [
      { field: 'server.cors_origins', errors: ['each CORS origin must be an http(s) URL'] },
      { field: 'providers.hoster_order.1', errors: ['unknown hoster'] },
      { field: 'database_url', errors: ['must be postgres'] },
    ]);
    expect(controlMessage(form.get('server.cors_origins'))).toBe(
      'each CORS origin must be an http(s) URL',
    );
    expect(controlMessage(form.get('providers.hoster_order'))).toBe('unknown hoster');
    expect(unplaced).toEqual([{ field: 'database_url', errors: ['must be postgres'] }]);
  });

  it('explains client-side errors', () => {
    const form = loadedForm();
    form.get('downloads.concurrency')?.setValue(99);
    expect(controlMessage(form.get('downloads.concurrency'))).toBe('At most 16.');
    form.get('downloads.concurrency')?.setValue(0);
    expect(controlMessage(form.get('downloads.concurrency'))).toBe('At least 1.');
    form.get('downloads.naming_template')?.setValue('');
    expect(controlMessage(form.get('downloads.naming_template'))).toBe('Required.');
    expect(controlMessage(form.get('security.session_ttl_hours'))).toBeNull();
    form.get('metadata.language')?.setValue('German');
    expect(controlMessage(form.get('metadata.language'))).toBe(
      'A language code like de-DE or en-US.',
    );
  });

  it('edits the STRM mode and public address; an empty address means none', () => {
    const form = loadedForm();
    expect(form.get('arr.strm.mode')?.value).toBe('off');
    form.get('arr.strm.mode')?.setValue('both');
    form.get('arr.strm.public_base_url')?.setValue(' https://media.example.org/aw/ ');
    expect(configUpdateOf(form).arr).toEqual({
      strm: { mode: 'both', public_base_url: 'https://media.example.org/aw' },
    });
    form.get('arr.strm.public_base_url')?.setValue('');
    expect(configUpdateOf(form).arr?.strm?.public_base_url).toBeNull();
    form.get('arr.strm.public_base_url')?.setValue('media.example.org?x=1');
    expect(controlMessage(form.get('arr.strm.public_base_url'))).toBe(
      'An http:// or https:// address, without ? or #.',
    );
  });

  it('edits the bandwidth limit in MB/s while the API keeps bytes/s', () => {
    const form = buildConfigForm();
    const { config, overridden_by_env } = configResponse();
    patchConfigForm(
      form,
      { ...config, downloads: { ...config.downloads, bandwidth_limit: 1_500_000 } },
      overridden_by_env,
    );
    const limit = form.get('downloads.bandwidth_limit');
    expect(limit?.value).toBe('1.5');
    expect(configUpdateOf(form).downloads?.bandwidth_limit).toBe(1_500_000);
    // A German decimal comma, spaces and an empty field (no limit).
    limit?.setValue(' 0,75 ');
    expect(configUpdateOf(form).downloads?.bandwidth_limit).toBe(750_000);
    limit?.setValue('');
    expect(configUpdateOf(form).downloads?.bandwidth_limit).toBeNull();
    limit?.setValue('fast');
    expect(controlMessage(limit)).toBe('A number like 1.5 or 1,5.');
    limit?.setValue('0.001');
    expect(controlMessage(limit)).toBe('At least 0.01 MB/s, or empty for no limit.');
  });

  it('writes MB/s with the decimal separator of the interface language', () => {
    expect(megabytesText(1_500_000, 'de')).toBe('1,5');
    expect(megabytesText(1_500_000, 'en')).toBe('1.5');
    expect(megabytesText(2048, 'de')).toBe('0,002048');
    expect(megabytesText(null, 'de')).toBe('');
    expect(bytesOfMegabytes('1,5')).toBe(1_500_000);
    expect(bytesOfMegabytes('.5')).toBe(500_000);
    expect(bytesOfMegabytes('1.000,5')).toBeNaN();
  });
});
