export * from './finance.module';
