import { ApiProperty } from '@nestjs/swagger';
import { Column, CreateDateColumn, UpdateDateColumn } from 'typeorm';
import type { Actor } from '@redmet/contracts';
import { CHANGED_BY_DOC } from './changed-by';

/**
 * What every registry record keeps besides its own fields: the version its events carry, and when and by whom
 * it was made and last changed (README, "Who changed it"; null on records last changed before migration
 * ChangeAuthors1764403200000, when the registry did not record it).
 */
export abstract class RegistryRecord {
  @ApiProperty({ description: 'Increases with every change' })
  @Column({ type: 'int' })
  version: number;

  @ApiProperty()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ApiProperty()
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ApiProperty({ ...CHANGED_BY_DOC, description: `Who registered it. ${CHANGED_BY_DOC.description}` })
  @Column({ name: 'created_by', type: 'jsonb', nullable: true })
  createdBy: Actor | null;

  @ApiProperty({ ...CHANGED_BY_DOC, description: `Who made its last change. ${CHANGED_BY_DOC.description}` })
  @Column({ name: 'updated_by', type: 'jsonb', nullable: true })
  updatedBy: Actor | null;
}
