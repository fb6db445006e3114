export * from './production.module';
export { productionSettings } from './production.settings';
