import { Inject, Injectable } from '@nestjs/common';
import type { DataSource, Repository } from 'typeorm';
import { DATA_SOURCE } from '../../database/database.service';
import { NotificationChannelEntity } from '../entities/notification-channel.entity';

/** The only code that touches notification_channels. */
@Injectable()
export class ChannelRepository {
  private readonly repo: Repository<NotificationChannelEntity>;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.repo = dataSource.getRepository(NotificationChannelEntity);
  }

  list(): Promise<NotificationChannelEntity[]> {
    return this.repo.find({ order: { createdAt: 'ASC' } });
  }

  get(id: string): Promise<NotificationChannelEntity | null> {
    return this.repo.findOneBy({ id });
  }

  findByIds(ids: string[]): Promise<NotificationChannelEntity[]> {
    return ids.length
      ? this.repo.createQueryBuilder('c').where('c.id IN (:...ids)', { ids }).getMany()
      : Promise.resolve([]);
  }

  async save(channel: NotificationChannelEntity): Promise<NotificationChannelEntity> {
    return this.repo.save(channel);
  }

  async delete(id: string): Promise<boolean> {
    return ((await this.repo.delete({ id })).affected ?? 0) > 0;
  }

  async succeeded(id: string, at: number): Promise<void> {
    await this.repo.update({ id }, { consecutiveFailures: 0, failing: false, lastSuccessAt: at });
  }

  /** Counts a failure atomically and returns the new streak. */
  async failedOnce(id: string, error: string, at: number): Promise<number> {
    await this.repo
      .createQueryBuilder()
      .update()
      .set({
        consecutiveFailures: () => 'consecutive_failures + 1',
        lastError: error.slice(0, 1000),
        lastErrorAt: at,
      })
      .where('id = :id', { id })
      .execute();
    return (await this.get(id))?.consecutiveFailures ?? 0;
  }

  async flag(id: string): Promise<void> {
    await this.repo.update({ id }, { failing: true });
  }
}
