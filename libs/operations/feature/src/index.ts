export * from './operations.module';
export { sitesProjection } from './sites/sites.projection';
export { inspectionsProjection } from './inspections/inspections.projection';
export { maintenanceProjection } from './maintenance/maintenance.projection';
export { faultsProjection } from './faults/faults.projection';
export { operationsSettings } from './operations.settings';
