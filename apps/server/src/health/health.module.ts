import { Module } from '@nestjs/common';
import { MetadataModule } from '../metadata/metadata.module';
import { SchedulerModule } from '../scheduler/scheduler.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({
  imports: [SchedulerModule, MetadataModule],
  controllers: [HealthController],
  providers: [HealthService],
  exports: [HealthService],
})
export class HealthModule {}
