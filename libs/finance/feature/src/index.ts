export * from './finance.module';
export { financeSettings } from './finance.settings';
