import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The inbox: one row per event a consumer has applied, written in the handler's transaction. */
@Entity('processed_event')
export class ProcessedEvent {
  @PrimaryColumn({ type: 'text' })
  consumer: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'int' })
  partition: number;

  @Column({ type: 'bigint' })
  offset: string;

  @CreateDateColumn({ name: 'processed_at', type: 'timestamptz' })
  processedAt: Date;
}
