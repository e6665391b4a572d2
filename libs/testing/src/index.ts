export * from './kafka-topics';
export * from './test-database';
export * from './wait-for';
export * from './test-auth';
export * from './free-port';
export * from './test-app';
export * from './schema-drift';
export * from './service-today';
