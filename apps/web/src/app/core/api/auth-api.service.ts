import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AuthStatusResponse,
  ChangePasswordRequest,
  LoginRequest,
  LoginResponse,
  SetupRequest,
} from '@aniworld/contracts';
import type { Observable } from 'rxjs';

/** `/api/auth/*`: first-run setup, sessions and the master password. */
@Injectable({ providedIn: 'root' })
export class AuthApiService {
  private readonly http = inject(HttpClient);

  status(): Observable<AuthStatusResponse> {
    return this.http.get<AuthStatusResponse>('/api/auth/status');
  }

  setup(request: SetupRequest): Observable<LoginResponse> {
    return this.http.post<LoginResponse>('/api/auth/setup', request);
  }

  login(request: LoginRequest): Observable<LoginResponse> {
    return this.http.post<LoginResponse>('/api/auth/login', request);
  }

  logout(): Observable<void> {
    return this.http.post<void>('/api/auth/logout', {});
  }

  changePassword(request: ChangePasswordRequest): Observable<void> {
    return this.http.post<void>('/api/auth/password', request);
  }
}
