export * from './planning.module';
export { planningSettings } from './planning.settings';
