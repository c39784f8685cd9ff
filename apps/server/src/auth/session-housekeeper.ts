import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobRegistry } from '../scheduler/job-registry';
import { SessionRepository } from './session.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Housekeeping: sessions that expired more than a day ago (see SessionRepository.purgeExpired). */
@Injectable()
export class SessionHousekeeper implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly sessions: SessionRepository,
  ) {}

  onModuleInit(): void {
    this.registry.addHousekeeper({
      name: 'expired_sessions',
      sweep: (now) => this.sessions.purgeExpired(new Date(now - DAY_MS)),
    });
  }
}
