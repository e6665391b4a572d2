export * from './company.events';
export * from './deposit.events';
export * from './facility.events';
export * from './licence.events';
export * from './product.events';
