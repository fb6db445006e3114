import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import type { BlobStore, CheckpointStore, Clock, EventStore, IdempotencyStore, LeaseStore, MessageBus, ProcessedMessages, ReadModelStore } from '@ooh/eventing';
import { AuthGuard } from '../auth/auth.guard';
import { TokenService } from '../auth/token.service';
import { ProblemDetailsFilter } from '../errors/problem.filter';
import { createValidationPipe } from '../errors/validation';
import { compileValidationPlans } from '../errors/validation-plans';
import { EvidenceController } from '../http/evidence.controller';
import { EvidenceResolver, ResolveEvidencePipe } from '../http/evidence-resolver';
import { Aggregates } from '../commands/aggregates';
import { AdminController } from '../observability/admin.controller';
import { ProjectionsController } from '../observability/projections.controller';
import { BackupsController } from '../observability/backups.controller';
import { EvidenceArchiveController, EvidenceArchiveProjection } from '../evidence-archive/evidence-archive.controller';
import { EvidenceCategories } from '../evidence-archive/evidence-categories';
import { BACKUPS, type BackupOperator } from './backups';
import { ObservabilityController } from '../observability/observability.controller';
import { PrometheusInstrumentation } from '../observability/prometheus-instrumentation';
import type { PlatformConfig } from './platform-config';
import { SETTINGS_SOURCE, type SettingsSource } from './settings';
import { Readiness, type ReadinessCheck } from './readiness';
import { SubscriptionsHost } from './subscriptions-host';
import * as T from './tokens';

export interface Infrastructure {
  eventStore: EventStore;
  readModels: ReadModelStore;
  bus: MessageBus;
  processed: ProcessedMessages;
  blobs: BlobStore;
  checkpoints: CheckpointStore;
  idempotency: IdempotencyStore;
  clock: Clock;
  instrumentation: PrometheusInstrumentation;
  /** Online backups of the embedded runtime (none in distributed mode). */
  backups?: BackupOperator;
  /** Where replicas take turns at log-driven work; without one this process does all of it. */
  leases?: { store: LeaseStore; ttlMs: number };
  /** Dependencies `/health/ready` checks (none for the embedded default: the files are local). */
  readiness?: ReadinessCheck[];
}

/**
 * Binds the kernel's ports to the adapters an app chose, and installs what every service shares:
 * auth, validation, problem+json, ETag, Idempotency-Key, health, metrics, evidence upload.
 */
@Global()
@Module({})
export class HttpKitModule {
  static forRoot(config: PlatformConfig, infra: Infrastructure, settings: SettingsSource = { env: process.env, overrides: {} }): DynamicModule {
    infra.instrumentation.observeBus(infra.bus);
    if (infra.backups) infra.instrumentation.observeBackups(infra.backups);
    const values = [
      { provide: T.PLATFORM_CONFIG, useValue: config },
      { provide: SETTINGS_SOURCE, useValue: settings },
      { provide: T.EVENT_STORE, useValue: infra.eventStore },
      { provide: T.READ_MODELS, useValue: infra.readModels },
      { provide: T.MESSAGE_BUS, useValue: infra.bus },
      { provide: T.PROCESSED_MESSAGES, useValue: infra.processed },
      { provide: T.BLOB_STORE, useValue: infra.blobs },
      { provide: T.CHECKPOINTS, useValue: infra.checkpoints },
      { provide: T.IDEMPOTENCY, useValue: infra.idempotency },
      { provide: T.CLOCK, useValue: infra.clock },
      { provide: T.INSTRUMENTATION, useValue: infra.instrumentation },
      { provide: T.TOKEN_SERVICE, useValue: new TokenService(config.jwtSecret, config.tokens) },
      { provide: Readiness, useValue: new Readiness(infra.readiness ?? []) },
      { provide: BACKUPS, useValue: infra.backups ?? null },
      { provide: T.LEASES, useValue: infra.leases ?? null },
    ];
    return {
      module: HttpKitModule,
      controllers: [ObservabilityController, EvidenceController, EvidenceArchiveController, AdminController, ProjectionsController, BackupsController],
      providers: [
        ...values,
        SubscriptionsHost,
        EvidenceResolver,
        EvidenceCategories,
        EvidenceArchiveProjection,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: compiledValidationPipe },
        { provide: APP_PIPE, useClass: ResolveEvidencePipe },
        Aggregates,
      ],
      exports: [...values.map((v) => v.provide), SubscriptionsHost, EvidenceResolver, EvidenceCategories, Aggregates],
    };
  }
}

/** The validation pipe over DTO rules looked up once per class (see compileValidationPlans). */
function compiledValidationPipe() {
  compileValidationPlans();
  return createValidationPipe();
}
