import { Inject, Injectable, Optional } from '@nestjs/common';
import { type DataSource, In, IsNull, LessThan, Not, type Repository } from 'typeorm';
import { DATA_SOURCE, READ_DATA_SOURCE } from '../database/database.service';
import { UserSessionEntity } from './entities/user-session.entity';

export interface NewSession {
  id: string;
  expiresAt: Date;
  now: Date;
  userAgent: string | null;
  ip: string | null;
}

@Injectable()
export class SessionRepository {
  private readonly repo: Repository<UserSessionEntity>;
  /** The session check behind every request reads here, beside a busy main connection. */
  private readonly reads: Repository<UserSessionEntity>;

  constructor(
    @Inject(DATA_SOURCE) dataSource: DataSource,
    @Optional() @Inject(READ_DATA_SOURCE) reader?: DataSource,
  ) {
    this.repo = dataSource.getRepository(UserSessionEntity);
    this.reads = (reader ?? dataSource).getRepository(UserSessionEntity);
  }

  async create(session: NewSession): Promise<UserSessionEntity> {
    const row = this.repo.create({
      id: session.id,
      createdAt: session.now,
      expiresAt: session.expiresAt,
      lastSeenAt: session.now,
      userAgent: session.userAgent?.slice(0, 512) ?? null,
      ip: session.ip,
      revokedAt: null,
    });
    return this.repo.save(row);
  }

  /** As committed (a revocation still in an open transaction does not count yet). */
  findById(id: string): Promise<UserSessionEntity | null> {
    return this.reads.findOneBy({ id });
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.repo.update({ id }, { lastSeenAt: at });
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.repo.update({ id, revokedAt: IsNull() }, { revokedAt: at });
  }

  /** Revokes every open session but `keepId`; returns their ids. */
  async revokeAllExcept(keepId: string, at: Date): Promise<string[]> {
    return this.repo.manager.transaction(async (manager) => {
      const open = await manager.find(UserSessionEntity, {
        select: { id: true },
        where: { id: Not(keepId), revokedAt: IsNull() },
      });
      const ids = open.map((row) => row.id);
      if (ids.length)
        await manager.update(
          UserSessionEntity,
          { id: In(ids), revokedAt: IsNull() },
          {
            revokedAt: at,
          },
        );
      return ids;
    });
  }

  /** Sessions that ended more than a day ago are of no use, even for auditing. */
  async purgeExpired(before: Date): Promise<number> {
    const result = await this.repo.delete({ expiresAt: LessThan(before) });
    return result.affected ?? 0;
  }
}
