import { byTestId } from '../../testing/dom';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { HttpHeaders } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { LoginPage } from './login.page';

describe('LoginPage', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [LoginPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
  });

  async function submit(returnUrl: string | undefined, password: string) {
    const fixture = TestBed.createComponent(LoginPage);
    if (returnUrl !== undefined) fixture.componentRef.setInput('returnUrl', returnUrl);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const input = byTestId<HTMLInputElement>(el, 'login-password');
    input.value = password;
    input.dispatchEvent(new Event('input'));
    byTestId<HTMLButtonElement>(el, 'login-submit').click();
    return { fixture, el };
  }

  it('says a wrong password once, without also asking for the password', async () => {
    const { fixture, el } = await submit(undefined, 'nope');
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/login')
      .flush(
        { statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Wrong password' },
        { status: 401, statusText: 'x' },
      );
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent?.trim()).toBe('Wrong password.');
    expect(el.textContent).not.toContain('Enter the password');
    expect(byTestId<HTMLInputElement>(el, 'login-password').value).toBe('');
  });

  it('counts a lockout down live, with the button disabled until it ends', async () => {
    jest.useFakeTimers();
    try {
      const fixture = TestBed.createComponent(LoginPage);
      fixture.detectChanges();
      const el = fixture.nativeElement as HTMLElement;
      const input = byTestId<HTMLInputElement>(el, 'login-password');
      input.value = 'nope';
      input.dispatchEvent(new Event('input'));
      byTestId<HTMLButtonElement>(el, 'login-submit').click();
      TestBed.inject(HttpTestingController)
        .expectOne('/api/auth/login')
        .flush(
          {
            statusCode: 429,
            code: 'ACCOUNT_LOCKED',
            message: 'Too many failed logins from this address: try again in 1 min.',
          },
          { status: 429, statusText: 'x', headers: new HttpHeaders({ 'Retry-After': '45' }) },
        );
      await jest.advanceTimersByTimeAsync(0);
      fixture.detectChanges();
      const countdown = () => byTestId(el, 'login-countdown').textContent?.trim();
      const button = byTestId<HTMLButtonElement>(el, 'login-submit');
      expect(countdown()).toBe('Too many attempts. Try again in 45 s.');
      // Said once: not the server's sentence and a second wait on top.
      expect(el.querySelector('[role=alert]')?.textContent).not.toContain('try again in 1 min');
      expect(el.textContent).not.toContain('Enter the password');
      expect(button.disabled).toBe(true);

      await jest.advanceTimersByTimeAsync(1000);
      fixture.detectChanges();
      expect(countdown()).toBe('Too many attempts. Try again in 44 s.');
      button.click();
      TestBed.inject(HttpTestingController).expectNone('/api/auth/login');

      await jest.advanceTimersByTimeAsync(44_000);
      fixture.detectChanges();
      expect(el.querySelector('[data-testid="login-countdown"]')).toBeNull();
      expect(el.querySelector('[role=alert]')).toBeNull();
      expect(button.disabled).toBe(false);
    } finally {
      jest.useRealTimers();
    }
  });

  it('says a long lockout in minutes and seconds', () => {
    const page = TestBed.createComponent(LoginPage).componentInstance;
    expect(page.lockText(119)).toBe('Too many attempts. Try again in 119 s.');
    expect(page.lockText(899)).toBe('Too many attempts. Try again in 14 min 59 s.');
  });

  it('goes back to the page that asked for login, but never off-site', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const http = TestBed.inject(HttpTestingController);
    const ok = { access_token: 'jwt', token_type: 'bearer', expires_at: 'x' };
    let run = await submit('/queue', 'Right-1!');
    http.expectOne('/api/auth/login').flush(ok);
    await run.fixture.whenStable();
    expect(navigate).toHaveBeenLastCalledWith('/queue');
    run = await submit('//evil.example', 'Right-1!');
    http.expectOne('/api/auth/login').flush(ok);
    await run.fixture.whenStable();
    expect(navigate).toHaveBeenLastCalledWith('/');
  });
});
