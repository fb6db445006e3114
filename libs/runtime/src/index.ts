export * from './infrastructure-config';
export * from './build-infrastructure';
export * from './service-host';
export * from './backup';
