export * from './buying.module';
export { buyingSettings } from './buying.settings';
