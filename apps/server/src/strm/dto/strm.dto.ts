import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  LANGUAGE_CODES,
  type LanguageCode,
  type StrmSkippedEpisode,
  type StrmWriteRequest,
  type StrmWriteResponse,
  type StrmWrittenFile,
} from '@aniworld/contracts';

export class StrmWriteRequestDto implements StrmWriteRequest {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100000,
    example: 1,
    description: 'One season (0 = films and specials); every season when left out',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  season?: number;

  @ApiPropertyOptional({
    enum: LANGUAGE_CODES,
    description: "The language to stream; default: the series' then the global preference",
  })
  @IsOptional()
  @IsIn(LANGUAGE_CODES)
  language?: LanguageCode;
}

class StrmWrittenFileDto implements StrmWrittenFile {
  @ApiProperty() season!: number;
  @ApiProperty() episode!: number;
  @ApiProperty({ enum: LANGUAGE_CODES }) language!: LanguageCode;
  @ApiProperty({
    example:
      '/anime/Sternenwanderer (2019)/Season 01/Sternenwanderer - S01E01 - Ein Stern fällt.strm',
  })
  path!: string;
}

class StrmSkippedEpisodeDto implements StrmSkippedEpisode {
  @ApiProperty() season!: number;
  @ApiProperty() episode!: number;
  @ApiProperty({ example: 'on disk' }) reason!: string;
}

export class StrmWriteResponseDto implements StrmWriteResponse {
  @ApiProperty({ type: [StrmWrittenFileDto] }) written!: StrmWrittenFileDto[];
  @ApiProperty({ type: [StrmSkippedEpisodeDto] }) skipped!: StrmSkippedEpisodeDto[];
}
