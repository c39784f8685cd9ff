import { Global, Module } from '@nestjs/common';
import { JobRegistry } from './job-registry';

/**
 * The registration seam alone, global and free of dependencies: a module registers its jobs
 * and housekeepers here without importing SchedulerModule (which imports anime and queue).
 */
@Global()
@Module({ providers: [JobRegistry], exports: [JobRegistry] })
export class SchedulerCoreModule {}
