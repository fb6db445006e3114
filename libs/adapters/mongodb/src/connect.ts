import mongoose, { type Connection } from 'mongoose';

export interface MongoOptions {
  /** e.g. `mongodb://127.0.0.1:27017/` (a replica set for MongoDB, or FerretDB). */
  url: string;
  /** One database per service, e.g. `ooh_operations`. */
  dbName: string;
  serverSelectionTimeoutMs?: number;
}

/** A dedicated mongoose connection (not the global default), so services and tests can hold several. */
export async function connectMongo(options: MongoOptions): Promise<Connection> {
  const connection = mongoose.createConnection(options.url, {
    dbName: options.dbName,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 10_000,
    // Retries are ours to decide (the callers are idempotent); the driver's single retry is fine too.
    retryWrites: true,
    autoIndex: false,
    autoCreate: false,
  });
  await connection.asPromise();
  return connection;
}

export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: number }).code === 11000;
}

/**
 * An upsert that two writers start at once on an absent document: both may try to insert it and one
 * fails on the unique _id (MongoDB retries that itself only in some cases, FerretDB never). Again, the
 * document exists and the update applies to it.
 */
export async function upsertRacing<T>(upsert: () => Promise<T>): Promise<T> {
  try {
    return await upsert();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return upsert();
  }
}
