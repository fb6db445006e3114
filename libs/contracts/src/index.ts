export * from './contract';
export * from './operations.contracts';
export * from './finance.contracts';
export * from './planning.contracts';
export * from './buying.contracts';
export * from './production.contracts';
export * from './work.contracts';
export * from './catalogue';
