import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsDate, IsIn, IsISO8601, IsInt, IsLatitude, IsLongitude, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MINOR_PATTERN } from '../dto/payroll.inputs';

export const AGENT_PAGE_MAX = 500;
export const AGENT_BATCH_MAX = 100;

/** `GET /api/payment/agent/lines` query. */
export class AgentLinesQuery {
  /** Kept as text: the watermark has microseconds, which a JavaScript Date would drop. */
  @IsOptional()
  @IsISO8601({ strict: true })
  @MaxLength(40)
  since?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(AGENT_PAGE_MAX)
  limit?: number;

  @IsOptional()
  @IsIn(['url', 'inline', 'none'])
  photos?: 'url' | 'inline' | 'none';
}

export class AgentDeliveryItem {
  @IsUUID()
  clientId: string;

  @IsIn(['CASH', 'GOODS'])
  kind: 'CASH' | 'GOODS';

  @IsUUID()
  lineId: string;

  @IsOptional()
  @IsString()
  @Matches(MINOR_PATTERN)
  amountMinor?: string;

  @Type(() => Date)
  @IsDate()
  deliveredAt: Date;

  @IsLatitude()
  latitude: number;

  @IsLongitude()
  longitude: number;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  receiptNumber?: string;

  @IsOptional()
  @IsString()
  @MaxLength(700_000)
  photoBase64?: string;
}

/** `POST /api/payment/agent/deliveries` body. */
export class AgentDeliveryBatch {
  @ArrayMinSize(1)
  @ArrayMaxSize(AGENT_BATCH_MAX)
  @ValidateNested({ each: true })
  @Type(() => AgentDeliveryItem)
  items: AgentDeliveryItem[];
}
