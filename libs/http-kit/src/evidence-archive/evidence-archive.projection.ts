import { localDate } from '@ooh/calendar';
import { evidenceIn, streamCategory, type Actor, type EvidenceRef, type Projection } from '@ooh/eventing';
import type { EvidenceCategory } from './evidence-categories';

export const EVIDENCE_ARCHIVE = 'evidence_archive';
/** References kept per piece of evidence (the count goes on). */
export const MAX_REFERENCES = 50;

export type EvidenceKind = 'photo' | 'video' | 'document' | 'other';
export const EVIDENCE_KINDS: EvidenceKind[] = ['photo', 'video', 'document', 'other'];

export interface EvidenceReference {
  category: string;
  entityId: string;
  /** Where the entity is read. */
  link: string;
  eventType: string;
  occurredAt: string;
  recordedAt: string;
  actor: Actor;
  caption?: string;
  masthead?: boolean;
}

export interface ArchivedEvidence extends Record<string, unknown> {
  blobId: string;
  sha256: string;
  contentType: string;
  kind: EvidenceKind;
  /** `{ fault: true, inspection: true }`: filterable per category. */
  categories: Record<string, true>;
  /** The local month (operator time zone) of the first fact that referenced it. */
  month: string;
  firstReferencedAt: string;
  lastReferencedAt: string;
  referenceCount: number;
  references: EvidenceReference[];
  storedAt?: string;
  captured?: EvidenceRef['captured'];
}

export function evidenceKind(contentType: string): EvidenceKind {
  if (contentType.startsWith('image/')) return 'photo';
  if (contentType.startsWith('video/')) return 'video';
  if (contentType === 'application/pdf') return 'document';
  return 'other';
}

/**
 * The evidence archive: every piece of evidence any fact of the declared categories references, with
 * those facts (who, when, in which role, on which entity). Categories are read when the projection
 * starts, after every context declared its own.
 */
export function evidenceArchiveProjection(categories: () => EvidenceCategory[], timeZone: string): Projection | undefined {
  const declared = categories();
  if (declared.length === 0) return undefined;
  const byStream = new Map(declared.map((c) => [c.streamCategory, c]));
  return {
    name: 'evidence-archive',
    collections: [EVIDENCE_ARCHIVE],
    indexes: [
      { collection: EVIDENCE_ARCHIVE, fields: ['firstReferencedAt'] },
      { collection: EVIDENCE_ARCHIVE, fields: ['month', 'firstReferencedAt'] },
    ],
    filter: { categories: [...byStream.keys()] },
    async apply(ctx) {
      const event = ctx.event;
      const category = byStream.get(streamCategory(event.streamId));
      if (!category) return;
      const entityId = event.streamId.slice(event.streamId.indexOf('-') + 1);
      const occurredAt = event.metadata.occurredAt ?? event.recordedAt;
      for (const ref of evidenceIn(event.data)) {
        const stored = await ctx.get<ArchivedEvidence>(EVIDENCE_ARCHIVE, ref.blobId);
        const doc: ArchivedEvidence = stored
          ? { ...stored, categories: { ...stored.categories }, references: [...stored.references] }
          : {
              blobId: ref.blobId,
              sha256: ref.sha256,
              contentType: ref.contentType,
              kind: evidenceKind(ref.contentType),
              categories: {},
              month: localDate(occurredAt, timeZone).slice(0, 7),
              firstReferencedAt: occurredAt,
              lastReferencedAt: occurredAt,
              referenceCount: 0,
              references: [],
              ...(ref.storedAt ? { storedAt: ref.storedAt } : {}),
              ...(ref.captured ? { captured: ref.captured } : {}),
            };
        const described = ref as EvidenceRef & { masthead?: boolean };
        doc.categories[category.category] = true;
        doc.referenceCount += 1;
        if (doc.references.length < MAX_REFERENCES) {
          doc.references.push({
            category: category.category,
            entityId,
            link: category.path.replace('{id}', encodeURIComponent(entityId)),
            eventType: event.type,
            occurredAt,
            recordedAt: event.recordedAt,
            actor: event.metadata.actor,
            ...(described.caption ? { caption: described.caption } : {}),
            ...(described.masthead ? { masthead: true } : {}),
          });
        }
        if (occurredAt < doc.firstReferencedAt) {
          doc.firstReferencedAt = occurredAt;
          doc.month = localDate(occurredAt, timeZone).slice(0, 7);
        }
        if (occurredAt > doc.lastReferencedAt) doc.lastReferencedAt = occurredAt;
        ctx.put(EVIDENCE_ARCHIVE, ref.blobId, doc);
      }
    },
  };
}
