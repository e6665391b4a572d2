import { CreateIdempotentRequests1764500000000 } from './1764500000000-create-idempotent-requests';
import { FenceIdempotentRequests1764600000000 } from './1764600000000-fence-idempotent-requests';
import { IdempotentRequest } from './idempotent-request.entity';

/** Listed in every service's schema, as the messaging tables are. */
export const PLATFORM_ENTITIES = [IdempotentRequest];
export const PLATFORM_MIGRATIONS = [CreateIdempotentRequests1764500000000, FenceIdempotentRequests1764600000000];
