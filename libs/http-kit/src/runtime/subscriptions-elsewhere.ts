import { AppError } from '@ooh/eventing';

/** One subscription as `SubscriptionsHost.status()` reports it. */
export interface SubscriptionStatus {
  name: string;
  position: number;
  error?: string;
}

/** What the thread running the log-driven work reports, pushed to the request thread when it changes. */
export interface SubscriptionsSnapshot {
  replica: string;
  heldLeases: string[];
  subscriptions: SubscriptionStatus[];
}

/** The requests the request thread may make of the subscriptions thread (the host's methods of those names). */
export type SubscriptionsCall = 'projectionsStatus' | 'rebuild' | 'rebuildsSettled' | 'catchUp' | 'runJobs' | 'metrics';

/**
 * The projections, reactors, relays, consumers and jobs of this service, run by another thread of the
 * same process (`SUBSCRIPTIONS_IN=worker`): the request thread's host answers from here.
 */
export interface SubscriptionsElsewhere {
  snapshot(): SubscriptionsSnapshot;
  call(method: SubscriptionsCall, ...args: unknown[]): Promise<unknown>;
  stop(): Promise<void>;
}

/** An error as it crosses between threads: an AppError keeps its kind, code, details and extensions. */
export interface CarriedError {
  message: string;
  app?: { kind: AppError['kind']; code: string; details: AppError['details']; extensions: AppError['extensions'] };
}

export function carryError(error: unknown): CarriedError {
  if (error instanceof AppError) {
    return { message: error.message, app: { kind: error.kind, code: error.code, details: error.details, extensions: error.extensions } };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

export function carriedError(carried: CarriedError): Error {
  const { app } = carried;
  return app ? new AppError(app.kind, app.code, carried.message, app.details, app.extensions) : new Error(carried.message);
}
