import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsUrl, Matches } from 'class-validator';
import { type MetadataSettings } from '@aniworld/contracts';
import { Omittable, URL_OPTIONS } from './settings-validation';

/**
 * `metadata.*` (docs/metadata.md). The API key is not part of it: it is a secret that only
 * `PUT /api/metadata/tmdb-key` sets (file key `metadata.tmdb_api_key`, env `TMDB_API_KEY`).
 */
export class MetadataSettingsDto implements MetadataSettings {
  @ApiProperty({
    example: 'https://api.themoviedb.org/3',
    description: 'TMDB API v3 root (the sandbox: http://127.0.0.1:8090/tmdb/3)',
  })
  @Omittable()
  @IsUrl(URL_OPTIONS)
  tmdb_base_url!: string;

  @ApiProperty({
    example: 'https://image.tmdb.org/t/p',
    description: 'TMDB image root; a size and the file path are appended',
  })
  @Omittable()
  @IsUrl(URL_OPTIONS)
  tmdb_image_base_url!: string;

  @ApiProperty({
    example: 'de-DE',
    description:
      'Language of titles, plots and genres (ISO 639-1, optionally -REGION); English fills gaps',
  })
  @Omittable()
  @Matches(/^[a-z]{2}(-[A-Z]{2})?$/, {
    message: 'language must be a language code like de-DE, en-US or ja',
  })
  language!: string;

  @ApiProperty({
    description: 'Replace NFO files and artwork that the user or another tool wrote',
  })
  @Omittable()
  @IsBoolean()
  overwrite_nfo!: boolean;
}
