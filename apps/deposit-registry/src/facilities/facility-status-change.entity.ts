import { ApiProperty } from '@nestjs/swagger';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { FacilityStatus } from '@redmet/contracts';
import { StatusChangeRecord } from '../common/status-history';
import { Facility } from './facility.entity';

/** One row per status a facility has had, the first being the one it was registered in. */
@Entity('facility_status_change')
@Check(
  'facility_status_change_from_status_check',
  `from_status IN ('planned', 'under_construction', 'commissioned', 'modernised', 'closed')`,
)
@Check(
  'facility_status_change_to_status_check',
  `to_status IN ('planned', 'under_construction', 'commissioned', 'modernised', 'closed')`,
)
@Index('facility_status_change_facility', ['facilityId', 'effectiveOn'])
export class FacilityStatusChange extends StatusChangeRecord<FacilityStatus> {
  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'facility_id', type: 'uuid' })
  facilityId: string;

  @ManyToOne(() => Facility)
  @JoinColumn({ name: 'facility_id', foreignKeyConstraintName: 'facility_status_change_facility_id_fkey' })
  facility?: Facility;
}
