import { Module } from '@nestjs/common';
import { TokenVerifier } from '@redmet/platform';
import { AlertStreamController } from './alert-stream.controller';
import { AlertStream } from './alert-stream';

/**
 * Imported before the alerts API so that `/alerts/stream` is routed here and
 * not taken for an alert id. Its own TokenVerifier: the platform does not
 * export the guard's.
 */
@Module({
  controllers: [AlertStreamController],
  providers: [AlertStream, TokenVerifier],
})
export class StreamModule {}
