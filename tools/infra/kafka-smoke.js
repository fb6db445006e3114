#!/usr/bin/env node
// Smoke test: the repo's kafkajs client against a real broker (see tools/infra/kafka.sh).
//
//   KAFKA_BROKERS=127.0.0.1:19092 node tools/infra/kafka-smoke.js
//
// Exercises the protocol paths the platform relies on: admin createTopics (3 partitions),
// metadata, idempotent keyed produce, a transactional produce, ListOffsets, a consumer group
// with eachMessage + manual commitOffsets, describeGroups, fetchOffsets, resume from the
// committed offsets, deleteGroups and deleteTopics. Exits 0 on success, 1 on any failure.
'use strict';

const path = require('path');

function loadKafkajs() {
  const local = path.join(__dirname, '..', '..', 'node_modules', 'kafkajs');
  try {
    return require(local);
  } catch {
    return require('kafkajs');
  }
}

const { Kafka, logLevel, CompressionTypes } = loadKafkajs();
const kafkajsVersion = (() => {
  try {
    return require(path.join(__dirname, '..', '..', 'node_modules', 'kafkajs', 'package.json')).version;
  } catch {
    return 'unknown';
  }
})();

const brokers = (process.env.KAFKA_BROKERS || process.argv[2] || '127.0.0.1:19092')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const TOTAL_TIMEOUT_MS = Number(process.env.KAFKA_SMOKE_TIMEOUT_MS || 90_000);
const run = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
const topic = `ooh-smoke-${run}`;
const groupId = `ooh-smoke-group-${run}`;
const txTopic = `ooh-smoke-tx-${run}`;

const kafka = new Kafka({
  clientId: 'ooh-kafka-smoke',
  brokers,
  // KAFKA_SMOKE_LOG_LEVEL=DEBUG shows every request with its negotiated API version.
  logLevel: logLevel[String(process.env.KAFKA_SMOKE_LOG_LEVEL || 'ERROR').toUpperCase()] ?? logLevel.ERROR,
  connectionTimeout: 3000,
  requestTimeout: 10000,
  retry: { retries: 5, initialRetryTime: 200 },
});

function assert(cond, msg) {
  if (!cond) throw new Error(`assertion failed: ${msg}`);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
function step(msg) {
  console.log(`[smoke +${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
}

async function waitFor(what, fn, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function sumCommitted(admin) {
  const res = await admin.fetchOffsets({ groupId, topics: [topic] });
  const t = res.find((x) => x.topic === topic);
  return t.partitions.reduce((acc, p) => acc + Math.max(0, Number(p.offset)), 0);
}

async function main() {
  step(`kafkajs ${kafkajsVersion} -> ${brokers.join(',')}`);
  const admin = kafka.admin();
  await admin.connect();
  const cleanups = [];
  try {
    const cluster = await admin.describeCluster();
    step(`cluster ${cluster.clusterId}, brokers ${cluster.brokers.map((b) => `${b.nodeId}@${b.host}:${b.port}`).join(' ')}, controller ${cluster.controller}`);

    // --- topics
    const created = await admin.createTopics({
      topics: [
        { topic, numPartitions: 3, replicationFactor: 1 },
        { topic: txTopic, numPartitions: 1, replicationFactor: 1 },
      ],
      waitForLeaders: true,
    });
    assert(created === true, 'createTopics returned true');
    cleanups.push(() => admin.deleteTopics({ topics: [topic, txTopic] }));
    const topics = await admin.listTopics();
    assert(topics.includes(topic), 'listTopics includes the new topic');
    const meta = await admin.fetchTopicMetadata({ topics: [topic] });
    assert(meta.topics[0].partitions.length === 3, 'topic has 3 partitions');
    step(`created ${topic} with ${meta.topics[0].partitions.length} partitions`);

    // Explicit creation only: producing to an unknown topic must not create it.
    // (auto.create.topics.enable=false on the broker.) Checked via metadata, no produce.
    const cfg = await admin.describeConfigs({
      resources: [{ type: 4 /* BROKER */, name: String(cluster.brokers[0].nodeId), configNames: ['auto.create.topics.enable'] }],
      includeSynonyms: false,
    });
    const auto = cfg.resources[0].configEntries.find((e) => e.configName === 'auto.create.topics.enable');
    step(`describeConfigs: auto.create.topics.enable=${auto && auto.configValue}`);

    // --- idempotent, keyed produce
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await producer.connect();
    const keys = Array.from({ length: 10 }, (_, i) => `key-${i}`);
    const N = 30;
    const messages = Array.from({ length: N }, (_, i) => ({
      key: keys[i % keys.length],
      value: JSON.stringify({ seq: i, key: keys[i % keys.length] }),
      headers: { 'event-type': 'SmokeTested' },
    }));
    const acks = await producer.send({ topic, acks: -1, messages, compression: CompressionTypes.None });
    const usedPartitions = new Set(acks.map((a) => a.partition));
    step(`produced ${N} keyed messages (idempotent) -> partitions ${[...usedPartitions].sort().join(',')}`);

    const offsets = await admin.fetchTopicOffsets(topic);
    const high = offsets.reduce((acc, p) => acc + Number(p.high), 0);
    assert(high === N, `high watermarks sum to ${N} (got ${high})`);
    const byTs = await admin.fetchTopicOffsetsByTimestamp(topic, Date.now() - 60_000);
    assert(byTs.length === 3, 'ListOffsets by timestamp answered for 3 partitions');

    // --- transactional produce (outbox-style)
    const txProducer = kafka.producer({ transactionalId: `ooh-smoke-tx-${run}`, idempotent: true, maxInFlightRequests: 1 });
    await txProducer.connect();
    const tx = await txProducer.transaction();
    await tx.send({
      topic: txTopic,
      messages: [
        { key: 'a', value: 'committed-1' },
        { key: 'a', value: 'committed-2' },
      ],
    });
    await tx.commit();
    const tx2 = await txProducer.transaction();
    await tx2.send({ topic: txTopic, messages: [{ key: 'a', value: 'aborted' }] });
    await tx2.abort();
    await txProducer.disconnect();
    step('transactional produce: 1 commit + 1 abort');

    // --- consumer group, eachMessage + manual commit
    const consumeGroup = async (expected, label) => {
      const consumer = kafka.consumer({
        groupId,
        sessionTimeout: 6000,
        heartbeatInterval: 500,
        rebalanceTimeout: 10000,
        maxWaitTimeInMs: 200,
        allowAutoTopicCreation: false,
      });
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      const got = [];
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ topic: t, partition, message }) => {
          got.push({ partition, offset: message.offset, key: message.key.toString(), value: JSON.parse(message.value.toString()) });
          assert(message.headers['event-type'].toString() === 'SmokeTested', 'header round trip');
          await consumer.commitOffsets([{ topic: t, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
        },
      });
      await waitFor(`${label}: ${expected} messages`, () => got.length >= expected, 30_000);
      await sleep(300); // let any unexpected extra message arrive
      return { consumer, got };
    };

    const first = await consumeGroup(N, 'first consumer');
    assert(first.got.length === N, `first consumer got exactly ${N} (got ${first.got.length})`);
    // Same key -> same partition, and per-key order preserved.
    const keyPartition = new Map();
    const lastSeqByKey = new Map();
    for (const m of first.got) {
      if (keyPartition.has(m.key)) assert(keyPartition.get(m.key) === m.partition, `key ${m.key} stays on one partition`);
      keyPartition.set(m.key, m.partition);
      const prev = lastSeqByKey.get(m.key);
      assert(prev === undefined || prev < m.value.seq, `per-key order for ${m.key}`);
      lastSeqByKey.set(m.key, m.value.seq);
    }
    step(`consumed ${first.got.length} with eachMessage + commitOffsets; per-key order ok`);

    const [group] = (await admin.describeGroups([groupId])).groups;
    step(`describeGroups: state=${group.state} protocolType=${group.protocolType} protocol=${group.protocol} members=${group.members.length}`);
    assert(group.state === 'Stable', `group Stable (got ${group.state})`);
    assert(group.members.length === 1, 'one member');

    const committed = await waitFor('committed offsets', async () => ((await sumCommitted(admin)) === N ? N : 0), 10_000);
    step(`fetchOffsets: committed sum=${committed}`);
    await first.consumer.disconnect();

    const [emptyGroup] = (await admin.describeGroups([groupId])).groups;
    step(`after disconnect: state=${emptyGroup.state}`);

    // --- resume from committed offsets
    await producer.send({
      topic,
      acks: -1,
      messages: [0, 1, 2].map((i) => ({ key: `late-${i}`, value: JSON.stringify({ seq: N + i }), headers: { 'event-type': 'SmokeTested' } })),
    });
    const second = await consumeGroup(3, 'second consumer');
    assert(second.got.length === 3, `second consumer resumes after the commit and gets 3 (got ${second.got.length})`);
    await second.consumer.disconnect();
    await producer.disconnect();
    step('second consumer resumed from committed offsets (3 new messages only)');

    // --- read_committed consumer sees only the committed transaction
    const txConsumer = kafka.consumer({ groupId: `${groupId}-tx`, readUncommitted: false, maxWaitTimeInMs: 200 });
    await txConsumer.connect();
    await txConsumer.subscribe({ topics: [txTopic], fromBeginning: true });
    const txValues = [];
    await txConsumer.run({
      eachMessage: async ({ message }) => {
        txValues.push(message.value.toString());
      },
    });
    await waitFor('transactional messages', () => txValues.length >= 2, 30_000);
    await sleep(500);
    await txConsumer.disconnect();
    assert(JSON.stringify(txValues) === JSON.stringify(['committed-1', 'committed-2']), `read_committed sees only committed (got ${JSON.stringify(txValues)})`);
    step('read_committed consumer saw only the committed transaction');

    await admin.deleteGroups([groupId, `${groupId}-tx`]);
    step('deleteGroups ok');
  } finally {
    for (const c of cleanups.reverse()) {
      try {
        await c();
      } catch (e) {
        console.error(`[smoke] cleanup failed: ${e.message}`);
      }
    }
    await admin.disconnect();
  }
  step(`deleted topics; OK`);
}

const timer = setTimeout(() => {
  console.error(`[smoke] FAILED: overall timeout ${TOTAL_TIMEOUT_MS} ms`);
  process.exit(1);
}, TOTAL_TIMEOUT_MS);
timer.unref();

main().then(
  () => {
    console.log('[smoke] PASSED');
    process.exit(0);
  },
  (err) => {
    console.error(`[smoke] FAILED: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  },
);
