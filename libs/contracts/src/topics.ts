import { CONTRACTS } from './catalogue';
import type { ContractDefinition } from './contract';

/** Partitions of every topic: enough for six consumers of one group to work side by side. */
export const TOPIC_PARTITIONS = 6;

/** The topic of failed messages (one for every consumer group; the group is a header). */
export const DEAD_LETTER_TOPIC = 'dead-letters';

export interface TopicDefinition {
  /** Without the deployment's namespace prefix (`KAFKA_NAMESPACE`). */
  name: string;
  partitions: number;
}

/**
 * The one source of truth for the topics: one per integration event type plus the dead letters.
 * Every service creates them all before its consumers start (an integrator may subscribe to a topic
 * before its first event), the compose job applies the same list (deploy/kafka/topics.txt, generated).
 */
export function topicPlan(contracts: ContractDefinition[] = CONTRACTS): TopicDefinition[] {
  return [...contracts.map((c) => ({ name: c.type, partitions: TOPIC_PARTITIONS })), { name: DEAD_LETTER_TOPIC, partitions: TOPIC_PARTITIONS }];
}

/** deploy/kafka/topics.txt: `<namespace><name> <partitions>` per line, for tools that create topics without our code. */
export function renderTopics(namespace = 'ooh.'): string {
  return [
    '# Generated from libs/contracts (topicPlan) by `npm run contracts:catalogue`; a test fails when it is out of date.',
    '# Every service creates these topics at start-up before its consumers run; the compose job applies the same list.',
    '# One topic per integration event type, keyed by aggregate id; <name> <partitions>. The namespace prefix',
    '# (KAFKA_NAMESPACE, default "ooh.") is part of the name.',
    ...topicPlan().map((t) => `${namespace}${t.name} ${t.partitions}`),
    '',
  ].join('\n');
}
