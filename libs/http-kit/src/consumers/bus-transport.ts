import { applyDecorators, Catch, UseFilters, type RpcExceptionFilter } from '@nestjs/common';
import { BaseRpcContext, Ctx, EventPattern, Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { AppError, type IntegrationMessage } from '@ooh/eventing';
import { lastValueFrom, throwError, type Observable } from 'rxjs';
import type { ConsumerDefinition, SubscriptionsHost } from '../runtime/subscriptions-host';

/** What the transport needs of a contract (the contracts library's Contract has it). */
export interface AcceptedContract {
  type: string;
  version: number;
  assertValid(data: unknown): void;
}

export interface ConsumerOptions {
  /** The consumer group: its offsets, its dedupe scope, its dead letters. */
  group: string;
  /** Refusal codes meaning the message came before the state it needs: it waits (see NotYet). */
  waitFor?: string[];
  maxAttempts?: number;
  maxWaitMs?: number;
}

interface ConsumerExtras extends ConsumerOptions {
  contract: AcceptedContract;
}

/** The context a consumer method receives (`@Delivery()`): the whole message (id, correlation, key). */
export class BusContext extends BaseRpcContext<[IntegrationMessage]> {
  get message(): IntegrationMessage {
    return this.args[0];
  }
}

/** The BusContext of the message being handled, next to `@Payload()` (its validated data). */
export const Delivery = () => Ctx();

/** Consumers must see the errors they throw as thrown (refusal codes decide retries, waits and dead letters). */
@Catch()
export class RethrowConsumerErrors implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/**
 * Declares a method as the consumer of another context's integration event, the way NestJS
 * developers expect (`@EventPattern`): `@Payload()` is the data, already validated against `contract`,
 * and `@Delivery()` the BusContext. Delivery is the bus's: durable offsets, dedupe, bounded retries,
 * dead letters, not-yet waits.
 */
export const Consumes = (contract: AcceptedContract, options: ConsumerOptions) =>
  applyDecorators(EventPattern(contract.type, { contract, ...options } satisfies ConsumerExtras), UseFilters(new RethrowConsumerErrors()));

/**
 * A custom transport strategy of @nestjs/microservices on our MessageBus port: each consumer group
 * of the `@Consumes` methods becomes a process manager of the subscriptions host, so the embedded
 * bus and Kafka keep exactly the guarantees they have for every consumer.
 */
export class BusTransport extends Server implements CustomTransportStrategy {
  constructor(private readonly host: SubscriptionsHost) {
    super();
  }

  async listen(callback: () => void): Promise<void> {
    for (const consumer of this.consumers()) this.host.registerConsumer(consumer);
    await this.host.startConsumers();
    callback();
  }

  /** The host stops its consumers (offsets committed) before the application shuts down. */
  close(): void {}

  on(): never {
    throw new Error('BusTransport has no events of its own');
  }

  unwrap<T>(): T {
    return this.host as T;
  }

  private consumers(): ConsumerDefinition[] {
    const groups = new Map<string, { options: ConsumerOptions; handlers: Map<string, { contract: AcceptedContract; handler: MessageHandler }> }>();
    for (const head of this.getHandlers().values()) {
      for (let handler: MessageHandler | undefined = head; handler; handler = handler.next as MessageHandler | undefined) {
        const extras = handler.extras as ConsumerExtras | undefined;
        if (!extras?.contract || !extras.group) throw new Error('Consumers are declared with @Consumes(contract, { group })');
        const group = groups.get(extras.group) ?? { options: extras, handlers: new Map() };
        const key = `${extras.contract.type}@${extras.contract.version}`;
        if (group.handlers.has(key)) throw new Error(`Consumer group ${extras.group} has two handlers for ${key}`);
        group.handlers.set(key, { contract: extras.contract, handler });
        groups.set(extras.group, group);
      }
    }
    return [...groups].map(([name, { options, handlers }]) => ({
      name,
      types: [...new Set([...handlers.values()].map((h) => h.contract.type))],
      waitFor: options.waitFor,
      maxAttempts: options.maxAttempts,
      maxWaitMs: options.maxWaitMs,
      handle: async (message: IntegrationMessage) => {
        const found = handlers.get(`${message.type}@${message.version}`);
        if (!found) {
          throw new AppError(
            'invalid',
            'POISON_MESSAGE',
            `no contract for ${message.type} v${message.version}: ${name} accepts ${[...handlers.keys()].join(', ')}`,
          );
        }
        found.contract.assertValid(message.data);
        const result = await found.handler(message.data, new BusContext([message]));
        await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
      },
    }));
  }
}
