import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { SITE_IDS, type SiteId } from '@aniworld/contracts';
import { ToInteger } from './to-integer';

/** Series keys are provider slugs: letters, digits and dashes (no dots, no slashes). */
export const SERIES_KEY = /^[A-Za-z0-9][A-Za-z0-9-]{0,199}$/;
export const SERIES_KEY_MESSAGE = 'key must be a series slug (letters, digits and dashes)';

export class SiteParamDto {
  @ApiProperty({ enum: SITE_IDS })
  @IsIn(SITE_IDS)
  site!: SiteId;
}

export class SeriesParamsDto extends SiteParamDto {
  @ApiProperty({ example: 'goblin-slayer' })
  @Matches(SERIES_KEY, { message: SERIES_KEY_MESSAGE })
  key!: string;
}

export class SeasonParamsDto extends SeriesParamsDto {
  @ApiProperty({ minimum: 0, description: '0 holds films and specials' })
  @ToInteger()
  @IsInt()
  @Min(0)
  @Max(1000)
  season!: number;
}

export class EpisodeParamsDto extends SeasonParamsDto {
  @ApiProperty({ minimum: 0 })
  @ToInteger()
  @IsInt()
  @Min(0)
  @Max(100000)
  episode!: number;
}
