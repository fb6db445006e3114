import { entityProjection } from '@ooh/eventing';
import { installationDecider, type InstallationEvent } from '@ooh/operations-domain';

export const INSTALLATIONS = 'operations_installations';

/** Installation jobs with their quotes side by side (the comparison the seed asks for: 货比三家): the job's own state. */
export const installationsProjection = entityProjection({
  name: 'operations.installations',
  collection: INSTALLATIONS,
  category: 'operations.installation',
  indexes: [['siteId'], ['status'], ['openedAt']],
  decider: installationDecider,
  id: (e: InstallationEvent) => e.data.jobId,
});
