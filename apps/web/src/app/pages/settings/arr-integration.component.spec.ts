import { Clipboard } from '@angular/cdk/clipboard';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ArrCredentials } from '@aniworld/contracts';
import { byTestId } from '../../testing/dom';
import { ArrIntegrationComponent } from './arr-integration.component';

const credentials = (over: Partial<ArrCredentials> = {}): ArrCredentials => ({
  api_key: '0123456789abcdef0123456789abcdef',
  torznab_path: '/torznab/api',
  qbittorrent: { username: 'admin', password: 'pa55word', url_base: '' },
  from_env: [],
  ...over,
});

describe('ArrIntegrationComponent', () => {
  let copied: string[];

  beforeEach(() => {
    copied = [];
    TestBed.configureTestingModule({
      imports: [ArrIntegrationComponent],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: Clipboard, useValue: { copy: (text: string) => copied.push(text) > 0 } },
      ],
    });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render(c: ArrCredentials) {
    const fixture = TestBed.createComponent(ArrIntegrationComponent);
    TestBed.inject(HttpTestingController).expectOne('/api/arr/credentials').flush(c);
    await fixture.whenStable();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }

  it('shows the Torznab URL, the key and the qBittorrent settings, and copies them', async () => {
    const { fixture, el } = await render(credentials());
    const text = (id: string) => byTestId(el, `arr-${id}`).textContent?.trim();
    expect(text('torznab-url')).toBe(`${location.origin}/torznab/api`);
    expect(text('api-key')).toBe('0123456789abcdef0123456789abcdef');
    expect(text('qb-host')).toBe(location.hostname);
    expect(text('qb-url-base')).toBe('(empty)');
    expect(text('qb-username')).toBe('admin');
    expect(text('qb-password')).toBe('pa55word');

    byTestId<HTMLButtonElement>(el, 'arr-copy-api-key').click();
    byTestId<HTMLButtonElement>(el, 'arr-copy-torznab-url').click();
    await fixture.whenStable();
    expect(copied).toEqual(['0123456789abcdef0123456789abcdef', `${location.origin}/torznab/api`]);
    expect(byTestId(el, 'arr-copy-torznab-url').textContent?.trim()).toBe('Copied');
  });

  it('regenerates the API key and shows the new one', async () => {
    const { fixture, el } = await render(credentials());
    byTestId<HTMLButtonElement>(el, 'arr-regenerate-api-key').click();
    const req = TestBed.inject(HttpTestingController).expectOne('/api/arr/credentials/regenerate');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ secret: 'api_key' });
    req.flush(credentials({ api_key: 'ffffffffffffffffffffffffffffffff' }));
    await fixture.whenStable();
    expect(byTestId(el, 'arr-api-key').textContent?.trim()).toBe(
      'ffffffffffffffffffffffffffffffff',
    );
  });

  it('cannot regenerate what the environment sets, and shows a refusal in place', async () => {
    const { fixture, el } = await render(credentials({ from_env: ['qbittorrent_password'] }));
    expect(byTestId<HTMLButtonElement>(el, 'arr-regenerate-qb-password').disabled).toBe(true);
    expect(el.textContent).toContain('set by an environment variable');
    byTestId<HTMLButtonElement>(el, 'arr-regenerate-api-key').click();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/arr/credentials/regenerate')
      .flush(
        { statusCode: 409, code: 'SECRET_FROM_ENV', message: 'api_key is set by the environment' },
        { status: 409, statusText: 'x' },
      );
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('set by the environment');
  });
});
