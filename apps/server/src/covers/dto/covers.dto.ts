import { ApiProperty } from '@nestjs/swagger';
import { Matches, MaxLength } from 'class-validator';

export class CoverParamsDto {
  @ApiProperty({ description: 'Signature of the source address' })
  @Matches(/^[A-Za-z0-9_-]{32}$/, { message: 'signature is not a cover signature' })
  signature!: string;

  @ApiProperty({ description: "The site's cover URL, base64url" })
  @MaxLength(4000)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'source must be base64url' })
  source!: string;
}
