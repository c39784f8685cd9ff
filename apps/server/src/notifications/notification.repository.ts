import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, IsNull, LessThan, type Repository } from 'typeorm';
import { DATA_SOURCE } from '../database/database.service';
import { NotificationEntity } from './entities/notification.entity';

/** The only code that touches the notifications table. */
@Injectable()
export class NotificationRepository {
  private readonly repo: Repository<NotificationEntity>;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.repo = dataSource.getRepository(NotificationEntity);
  }

  async deleteBefore(before: Date): Promise<number> {
    const result = await this.repo.delete({ createdAt: LessThan(before) });
    return result.affected ?? 0;
  }

  async insert(entity: NotificationEntity): Promise<void> {
    await this.repo.save(this.repo.create(entity));
  }

  /** Newest first. */
  newest(limit: number, unreadOnly: boolean): Promise<NotificationEntity[]> {
    return this.repo.find({
      where: unreadOnly ? { readAt: IsNull() } : {},
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  countUnread(): Promise<number> {
    return this.repo.countBy({ readAt: IsNull() });
  }

  /** False when there is no such notification. */
  async markRead(id: string, at: Date): Promise<boolean> {
    const exists = await this.repo.existsBy({ id });
    if (!exists) return false;
    await this.repo.update({ id, readAt: IsNull() }, { readAt: at });
    return true;
  }

  async markAllRead(at: Date): Promise<void> {
    await this.repo.update({ readAt: IsNull() }, { readAt: at });
  }
}
