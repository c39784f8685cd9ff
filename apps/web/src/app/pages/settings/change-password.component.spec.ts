import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { byTestId } from '../../testing/dom';
import { ChangePasswordComponent } from './change-password.component';

describe('ChangePasswordComponent', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ChangePasswordComponent],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function render() {
    const fixture = TestBed.createComponent(ChangePasswordComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const type = async (testId: string, value: string) => {
      const input = byTestId<HTMLInputElement>(el, testId);
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    const submit = async () => {
      byTestId<HTMLButtonElement>(el, 'password-submit').click();
      await fixture.whenStable();
    };
    /** Lets the answer travel through the store's promise, then renders. */
    const settle = async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      await fixture.whenStable();
    };
    return { el, type, submit, settle };
  }

  it('asks for the new password twice and says clearly when the two differ', async () => {
    const { el, type, submit } = await render();
    await type('password-current', 'Old-passw0rd!');
    await type('password-new', 'New-passw0rd!');
    await type('password-confirm', 'New-passw0rd?');
    await submit();
    expect(byTestId(el, 'password-mismatch').textContent?.trim()).toBe('The passwords differ.');
    TestBed.inject(HttpTestingController).expectNone('/api/auth/password');

    // Fixing either field clears the error; the confirmation follows the new password.
    await type('password-new', 'New-passw0rd?');
    expect(el.querySelector('[data-testid="password-mismatch"]')).toBeNull();
  });

  it('asks for the confirmation when it is left empty', async () => {
    const { el, type, submit } = await render();
    await type('password-current', 'Old-passw0rd!');
    await type('password-new', 'New-passw0rd!');
    await submit();
    expect(el.textContent).toContain('Repeat the new password.');
    TestBed.inject(HttpTestingController).expectNone('/api/auth/password');
  });

  it('changes the password when both match, and clears the form', async () => {
    const { el, type, submit, settle } = await render();
    await type('password-current', 'Old-passw0rd!');
    await type('password-new', 'New-passw0rd!');
    await type('password-confirm', 'New-passw0rd!');
    await submit();
    const request = TestBed.inject(HttpTestingController).expectOne('/api/auth/password');
    expect(request.request.body).toEqual({
      old_password: 'Old-passw0rd!',
      new_password: 'New-passw0rd!',
    });
    request.flush(null);
    await settle();
    expect(byTestId(el, 'password-changed').textContent).toContain('Password changed.');
    expect(byTestId<HTMLInputElement>(el, 'password-confirm').value).toBe('');
    expect(el.textContent).not.toContain('Enter the current password.');
  });

  it('puts a wrong current password on its field', async () => {
    const { el, type, submit, settle } = await render();
    await type('password-current', 'Wrong-passw0rd!');
    await type('password-new', 'New-passw0rd!');
    await type('password-confirm', 'New-passw0rd!');
    await submit();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/password')
      .flush(
        {
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: 'Validation failed',
          details: [{ field: 'old_password', errors: ['is not the current password'] }],
        },
        { status: 400, statusText: 'x' },
      );
    await settle();
    expect(el.textContent).toContain('This is not the current password.');
    expect(el.querySelector('[role=alert]')).toBeNull();
  });
});
