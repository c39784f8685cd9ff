import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type {
  AppNotification,
  NotificationKind,
  NotificationLevel,
  NotificationListResponse,
} from '@aniworld/contracts';
import { ToInteger } from '../../common/dto/to-integer';

const KINDS: NotificationKind[] = [
  'download_complete',
  'download_failed',
  'scan_complete',
  'scan_failed',
  'system',
];
const LEVELS: NotificationLevel[] = ['info', 'success', 'warning', 'error'];

export class NotificationListQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 50 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread_only?: boolean;
}

export class NotificationIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class AppNotificationDto implements AppNotification {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: KINDS }) kind!: NotificationKind;
  @ApiProperty({ enum: LEVELS }) level!: NotificationLevel;
  @ApiProperty() title!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Series key' }) key!: string | null;
  @ApiProperty() read!: boolean;
  @ApiProperty() created_at!: string;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true })
  data!: Record<string, unknown> | null;
}

export class NotificationListResponseDto implements NotificationListResponse {
  @ApiProperty({ type: [AppNotificationDto] }) items!: AppNotification[];
  @ApiProperty() unread!: number;
}
