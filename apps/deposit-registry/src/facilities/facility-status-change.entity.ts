import { ApiProperty } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import type { FacilityStatus } from '@redmet/contracts';
import { StatusChangeRecord } from '../common/status-history';

/** One row per status a facility has had, the first being the one it was registered in. */
@Entity('facility_status_change')
export class FacilityStatusChange extends StatusChangeRecord<FacilityStatus> {
  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'facility_id', type: 'uuid' })
  facilityId: string;
}
