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

  it('shows the server message for a wrong password, in place', async () => {
    const { fixture, el } = await submit(undefined, 'nope');
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/login')
      .flush(
        { statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Wrong password' },
        { status: 401, statusText: 'x' },
      );
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Wrong password');
  });

  it('shows how long to wait after too many attempts', async () => {
    const { fixture, el } = await submit(undefined, 'nope');
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/login')
      .flush(
        { statusCode: 429, code: 'ACCOUNT_LOCKED', message: 'Too many failed logins' },
        { status: 429, statusText: 'x', headers: new HttpHeaders({ 'Retry-After': '600' }) },
      );
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Try again in 600 s.');
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
