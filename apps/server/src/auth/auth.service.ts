import { Inject, Injectable, Logger } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import {
  type AuthStatusResponse,
  type ChangePasswordRequest,
  failedPasswordRules,
  type LoginRequest,
  type LoginResponse,
  type SetupRequest,
} from '@aniworld/contracts';
import { CLOCK, type Clock } from '../common/clock';
import { ValidationFailedError } from '../common/errors';
import { ConfigService } from '../config/config.service';
import type { UserSessionEntity } from './entities/user-session.entity';
import { AlreadyConfigured, InvalidCredentials, SetupRequired } from './errors/auth.errors';
import { LockoutService } from './lockout.service';
import { prepareAnimeDirectory } from './setup-directory';
import { type IssuedToken, type RequestMeta, SessionTokenService } from './session-token.service';

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  /** Two simultaneous setup requests must not both succeed. */
  private settingUp = false;

  constructor(
    private readonly config: ConfigService,
    private readonly tokens: SessionTokenService,
    private readonly lockout: LockoutService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  get configured(): boolean {
    return this.config.passwordHash !== null;
  }

  async status(token: string | null): Promise<AuthStatusResponse> {
    if (!this.configured)
      return { configured: false, authenticated: false, ...this.envDirectory() };
    if (!token) return { configured: true, authenticated: false };
    try {
      const session = await this.tokens.verify(token);
      return { configured: true, authenticated: true, expires_at: session.expiresAt.toISOString() };
    } catch {
      return { configured: true, authenticated: false };
    }
  }

  async setup(request: SetupRequest, meta: RequestMeta): Promise<LoginResponse> {
    if (this.configured || this.settingUp) {
      throw new AlreadyConfigured();
    }
    this.settingUp = true;
    try {
      assertPolicy('password', request.password);
      if (request.anime_directory !== undefined) {
        if (this.envDirectory().anime_directory_from_env)
          throw new ValidationFailedError([
            { field: 'anime_directory', errors: ['is set by ANIME_DIRECTORY; leave it out'] },
          ]);
        await prepareAnimeDirectory(request.anime_directory, request.create_directory === true);
        await this.config.update({ anime_directory: request.anime_directory });
      }
      await this.config.setPasswordHash(await hash(request.password));
      this.logger.log({ msg: 'first-run setup completed', ip: meta.ip });
      return toLoginResponse(await this.tokens.issue(meta));
    } finally {
      this.settingUp = false;
    }
  }

  /** Before the setup the page shows the directory the environment sets instead of asking. */
  private envDirectory(): Pick<AuthStatusResponse, 'anime_directory_from_env'> {
    const view = this.config.view();
    const dir = view.config.anime_directory;
    return view.overridden_by_env.includes('anime_directory') && dir
      ? { anime_directory_from_env: dir }
      : {};
  }

  async login(request: LoginRequest, meta: RequestMeta): Promise<LoginResponse> {
    const stored = this.config.passwordHash;
    if (stored === null) throw new SetupRequired();
    const ip = meta.ip ?? 'unknown';
    await this.lockout.assertNotLocked(ip);
    if (!(await verify(stored, request.password))) {
      await this.lockout.recordFailure(ip);
      throw new InvalidCredentials();
    }
    await this.lockout.recordSuccess(ip);
    const issued = await this.tokens.issue(meta);
    this.logger.log({ msg: 'login', ip, session: issued.session.id });
    return toLoginResponse(issued);
  }

  async logout(session: UserSessionEntity): Promise<void> {
    await this.tokens.revoke(session.id);
    this.logger.log({ msg: 'logout', session: session.id });
  }

  /** Changes the master password and ends every other session. */
  async changePassword(session: UserSessionEntity, request: ChangePasswordRequest): Promise<void> {
    const stored = this.config.passwordHash;
    if (stored === null || !(await verify(stored, request.old_password))) {
      throw new ValidationFailedError([
        { field: 'old_password', errors: ['is not the current password'] },
      ]);
    }
    assertPolicy('new_password', request.new_password);
    await this.config.setPasswordHash(await hash(request.new_password));
    const revoked = await this.tokens.revokeAllExcept(session.id);
    this.logger.log({
      msg: 'password changed',
      session: session.id,
      other_sessions_revoked: revoked,
      at: new Date(this.clock.now()).toISOString(),
    });
  }
}

function toLoginResponse({ token, session }: IssuedToken): LoginResponse {
  return { access_token: token, token_type: 'bearer', expires_at: session.expiresAt.toISOString() };
}

/** 400 listing every rule the password breaks. */
function assertPolicy(field: string, password: string): void {
  const failed = failedPasswordRules(password);
  if (failed.length) {
    throw new ValidationFailedError(
      [{ field, errors: failed.map((rule) => `needs ${rule.description}`) }],
      `The password needs ${failed.map((rule) => rule.description).join(', ')}.`,
    );
  }
}
