export * from './reporting.module';
export { reportingSettings } from './reporting.settings';
