import { EventEmitter } from 'node:events';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { ALERT_CHANNEL } from '../database/migrations/1764400500000-create-alerts';
import { MonitoringEnvironment } from '../monitoring.environment';

const MAX_BACKOFF_MS = 30_000;

/**
 * One LISTEN connection per instance, woken at the commit of any alert change
 * (on any instance). It only wakes the stream and the delivery worker early:
 * both also poll, because notifications are lost while disconnected.
 */
@Injectable()
export class AlertNotifications implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertNotifications.name);
  private readonly emitter = new EventEmitter();
  private client?: Client;
  private stopped = false;
  private failures = 0;

  constructor(private readonly environment: MonitoringEnvironment) {
    this.emitter.setMaxListeners(0);
  }

  onApplicationBootstrap(): void {
    if (this.environment.ALERTS_ENABLED) void this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }

  onChange(listener: () => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.environment.DATABASE_URL, connectionTimeoutMillis: 5000 });
    client.on('notification', () => this.emitter.emit('change'));
    client.on('error', (error) => this.logger.warn({ err: error }, 'alert notification connection error'));
    try {
      await client.connect();
      await client.query(`LISTEN ${ALERT_CHANNEL}`);
      client.on('end', () => this.reconnectLater());
      this.client = client;
      this.failures = 0;
    } catch (error) {
      this.logger.warn({ err: error }, 'cannot listen for alert changes; polling meanwhile');
      await client.end().catch(() => undefined);
      this.reconnectLater();
    }
  }

  private reconnectLater(): void {
    if (this.stopped) return;
    this.failures += 1;
    setTimeout(() => void this.connect(), Math.min(MAX_BACKOFF_MS, 200 * 2 ** this.failures)).unref();
  }
}
