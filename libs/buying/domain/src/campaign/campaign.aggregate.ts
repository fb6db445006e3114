import { defineAggregate } from '@ooh/eventing';
import { campaignDecider } from './campaign.decider';
import { campaignStream } from './campaign.events';

export const campaignAggregate = defineAggregate({
  name: 'campaign',
  decider: campaignDecider,
  stream: campaignStream,
  idField: 'briefId',
  notFoundCode: 'CAMPAIGN_NOT_FOUND',
});
