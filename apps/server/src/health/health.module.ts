import { Module } from '@nestjs/common';
import { MetadataModule } from '../metadata/metadata.module';
import { ProvidersModule } from '../providers/providers.module';
import { SchedulerModule } from '../scheduler/scheduler.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { SiteProbeService } from './site-probe.service';
import { SystemController } from './system.controller';

@Module({
  imports: [SchedulerModule, ProvidersModule, MetadataModule],
  controllers: [HealthController, SystemController],
  providers: [HealthService, SiteProbeService],
  exports: [HealthService],
})
export class HealthModule {}
