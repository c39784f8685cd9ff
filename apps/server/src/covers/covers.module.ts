import { Module } from '@nestjs/common';
import { CoverCache } from './cover-cache.service';
import { CoverUrls } from './cover-urls';
import { CoversController } from './covers.controller';

/** Site covers fetched and cached by the server, served to the browser with long cache headers. */
@Module({
  controllers: [CoversController],
  providers: [CoverUrls, CoverCache],
  exports: [CoverUrls],
})
export class CoversModule {}
