export * from './user.events';
