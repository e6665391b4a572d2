import { ApiProperty } from '@nestjs/swagger';
import { Column, CreateDateColumn, UpdateDateColumn } from 'typeorm';

/** What every registry record keeps besides its own fields: the version its events carry, and when it was made and last changed. */
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
}
