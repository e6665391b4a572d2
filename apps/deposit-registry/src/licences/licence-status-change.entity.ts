import { ApiProperty } from '@nestjs/swagger';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { LicenceStatus } from '@redmet/contracts';
import { StatusChangeRecord } from '../common/status-history';
import { Licence } from './licence.entity';

/** One row per status a licence has had, the first being `active` from `validFrom`. */
@Entity('licence_status_change')
@Check('licence_status_change_from_status_check', `from_status IN ('active', 'suspended', 'revoked', 'expired')`)
@Check('licence_status_change_to_status_check', `to_status IN ('active', 'suspended', 'revoked', 'expired')`)
@Index('licence_status_change_licence', ['licenceId', 'effectiveOn'])
export class LicenceStatusChange extends StatusChangeRecord<LicenceStatus> {
  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'licence_id', type: 'uuid' })
  licenceId: string;

  @ManyToOne(() => Licence)
  @JoinColumn({ name: 'licence_id', foreignKeyConstraintName: 'licence_status_change_licence_id_fkey' })
  licence?: Licence;

  @ApiProperty({ example: 'Breach of the development plan (order of 12 March 2026)' })
  @Column({ type: 'text' })
  reason: string;
}
