import { byTestId } from '../../testing/dom';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { SessionStore } from '../../core/auth/session.store';
import { SocketService } from '../../core/socket/socket.service';
import { FakeSocketService } from '../../testing/fake-socket';
import { SetupPage } from './setup.page';

describe('SetupPage', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [SetupPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SocketService, useValue: new FakeSocketService() },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(SetupPage);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const type = async (testId: string, value: string) => {
      const input = byTestId<HTMLInputElement>(el, testId);
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    const met = () =>
      [...el.querySelectorAll('[data-rule]')]
        .filter((li) => li.getAttribute('data-ok') === 'true')
        .map((li) => li.getAttribute('data-rule'));
    return { fixture, el, type, met };
  }

  it('shows rule by rule, live, which parts of the policy the password meets', async () => {
    const { type, met } = await render();
    expect(met()).toEqual([]);
    await type('setup-password', 'abc');
    expect(met()).toEqual(['lowercase']);
    await type('setup-password', 'abcDEF12');
    expect(met()).toEqual(['min_length', 'uppercase', 'lowercase', 'digit']);
    await type('setup-password', 'abcDEF12!');
    expect(met()).toHaveLength(5);
  });

  it('does not send a weak or unconfirmed password', async () => {
    const { el, type, fixture } = await render();
    await type('setup-password', 'weak');
    byTestId<HTMLButtonElement>(el, 'setup-submit').click();
    await type('setup-password', 'Str0ng-pass!');
    await type('setup-confirm', 'Str0ng-pass?');
    byTestId<HTMLButtonElement>(el, 'setup-submit').click();
    await fixture.whenStable();
    expect(el.textContent).toContain('The passwords differ.');
    TestBed.inject(HttpTestingController).expectNone('/api/auth/setup');
  });

  it('sets up, and shows a refused anime directory from the server', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const { el, type, fixture } = await render();
    await type('setup-password', 'Str0ng-pass!');
    await type('setup-confirm', 'Str0ng-pass!');
    await type('setup-directory', '/srv/anime');
    byTestId<HTMLButtonElement>(el, 'setup-submit').click();
    const http = TestBed.inject(HttpTestingController);
    const first = http.expectOne('/api/auth/setup');
    expect(first.request.body).toEqual({ password: 'Str0ng-pass!', anime_directory: '/srv/anime' });
    first.flush(
      {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Invalid setup',
        details: [{ field: 'anime_directory', errors: ['is not writable'] }],
      },
      { status: 400, statusText: 'x' },
    );
    await fixture.whenStable();
    expect(el.textContent).toContain('Anime directory: is not writable');
    expect(navigate).not.toHaveBeenCalled();

    byTestId<HTMLButtonElement>(el, 'setup-submit').click();
    http
      .expectOne('/api/auth/setup')
      .flush({ access_token: 'jwt', token_type: 'bearer', expires_at: 'x' });
    await fixture.whenStable();
    // The first scan starts by itself.
    http.expectOne({ method: 'POST', url: '/api/anime/rescan' }).flush({ scan_id: 's1' });
    await new Promise((r) => setTimeout(r, 0));
    expect(navigate).toHaveBeenCalledWith('/');
    expect(localStorage.getItem('aniworld.token')).toBe('jwt');
  });

  it('asks before creating a directory that does not exist, offering similar ones', async () => {
    jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const { el, type, fixture } = await render();
    await type('setup-password', 'Str0ng-pass!');
    await type('setup-confirm', 'Str0ng-pass!');
    await type('setup-directory', '/srv/anmie');
    byTestId<HTMLButtonElement>(el, 'setup-submit').click();
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/auth/setup').flush(
      {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'Anime directory /srv/anmie: does not exist',
        details: [
          {
            field: 'anime_directory',
            errors: ['does not exist: check the spelling, or send create_directory: true'],
            suggestions: ['/srv/anime'],
          },
        ],
      },
      { status: 400, statusText: 'x' },
    );
    await fixture.whenStable();
    const box = byTestId(el, 'setup-missing-directory');
    expect(box.textContent).toContain('/srv/anmie does not exist');
    expect(box.textContent).toContain('Use /srv/anime');
    byTestId<HTMLButtonElement>(el, 'setup-create-directory').click();
    const again = http.expectOne('/api/auth/setup');
    expect(again.request.body).toEqual({
      password: 'Str0ng-pass!',
      anime_directory: '/srv/anmie',
      create_directory: true,
    });
    again.flush({ access_token: 'jwt', token_type: 'bearer', expires_at: 'x' });
    await fixture.whenStable();
    http.expectOne('/api/anime/rescan').flush({ scan_id: 's1' });
  });

  it('shows the directory ANIME_DIRECTORY sets instead of asking for one', async () => {
    const session = TestBed.inject(SessionStore);
    jest.spyOn(session, 'status').mockReturnValue({
      configured: false,
      authenticated: false,
      anime_directory_from_env: '/data/anime',
    });
    const { el, type, fixture } = await render();
    expect(byTestId(el, 'setup-env-directory').textContent).toContain('/data/anime');
    expect(el.querySelector('[data-testid="setup-directory"]')).toBeNull();
    await type('setup-password', 'Str0ng-pass!');
    await type('setup-confirm', 'Str0ng-pass!');
    byTestId<HTMLButtonElement>(el, 'setup-submit').click();
    const http = TestBed.inject(HttpTestingController);
    const req = http.expectOne('/api/auth/setup');
    expect(req.request.body).toEqual({ password: 'Str0ng-pass!' });
    req.flush({ access_token: 'jwt', token_type: 'bearer', expires_at: 'x' });
    await fixture.whenStable();
    http.expectOne('/api/anime/rescan').flush({ scan_id: 's1' });
  });
});
