import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import {
  ARR_SECRETS,
  type ArrCredentials,
  type ArrRegenerateRequest,
  type ArrSecret,
} from '@aniworld/contracts';

export class ArrQbittorrentCredentialsDto {
  @ApiProperty({ example: 'admin' })
  username!: string;

  @ApiProperty()
  password!: string;

  @ApiProperty({ example: '', description: "URL base for Sonarr's qBittorrent client" })
  url_base!: string;
}

export class ArrCredentialsDto implements ArrCredentials {
  @ApiProperty({ example: '0123456789abcdef0123456789abcdef' })
  api_key!: string;

  @ApiProperty({ example: '/torznab/api' })
  torznab_path!: string;

  @ApiProperty({ type: ArrQbittorrentCredentialsDto })
  qbittorrent!: ArrQbittorrentCredentialsDto;

  @ApiProperty({ enum: ARR_SECRETS, isArray: true })
  from_env!: ArrSecret[];
}

export class ArrRegenerateRequestDto implements ArrRegenerateRequest {
  @ApiProperty({ enum: ARR_SECRETS })
  @IsIn(ARR_SECRETS)
  secret!: ArrSecret;
}
