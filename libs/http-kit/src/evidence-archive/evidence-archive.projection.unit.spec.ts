import { projectionSpec } from '@ooh/eventing-testing';
import { evidenceArchiveProjection } from './evidence-archive.projection';
import type { EvidenceCategory } from './evidence-categories';

const CATEGORIES: EvidenceCategory[] = [
  { streamCategory: 'operations.fault', category: 'fault', path: '/api/operations/faults/{id}', readers: ['ops-manager'] },
  { streamCategory: 'operations.inspection', category: 'inspection', path: '/api/operations/inspections/{id}', readers: ['ops-manager'] },
  { streamCategory: 'finance.expense', category: 'expense', path: '/api/finance/expenses/{id}', readers: ['finance'] },
];
const projection = evidenceArchiveProjection(() => CATEGORIES, 'Asia/Shanghai')!;

const photo = (n: number, extra: Record<string, unknown> = {}) => ({
  blobId: String(n).repeat(64).slice(0, 64),
  sha256: String(n).repeat(64).slice(0, 64),
  contentType: 'image/jpeg',
  ...extra,
});
const receipt = { blobId: 'f'.repeat(64), sha256: 'f'.repeat(64), contentType: 'application/pdf' };
const staff = { userId: 'li', role: 'ops-staff' };

describe('evidence archive projection', () => {
  it('files each piece of evidence under the categories of the facts that reference it, with those facts', async () => {
    const docs = await projectionSpec(projection)
      .given(
        // Taken on the evening of 30 November UTC: already 1 December in Chongqing.
        {
          streamId: 'operations.inspection-i1',
          type: 'InspectionRecorded',
          data: { photos: [photo(1, { caption: 'left module' })] },
          occurredAt: '2026-11-30T17:00:00.000Z',
          actor: staff,
        },
        {
          streamId: 'operations.fault-f1',
          type: 'FaultResolved',
          data: { photos: [photo(1), photo(2)] },
          occurredAt: '2026-12-02T03:00:00.000Z',
          actor: staff,
        },
        { streamId: 'finance.expense-e1', type: 'ExpenseIncurred', data: { receipt: [receipt] }, occurredAt: '2026-12-03T03:00:00.000Z' },
        { streamId: 'operations.site-s1', type: 'SiteRegistered', data: { photos: [photo(3)] } },
      )
      .documents();
    const archive = docs.evidence_archive;
    expect(Object.keys(archive).sort()).toEqual([photo(1).blobId, photo(2).blobId, receipt.blobId].sort());
    expect(archive[photo(1).blobId]).toMatchObject({
      kind: 'photo',
      categories: { inspection: true, fault: true },
      month: '2026-12',
      firstReferencedAt: '2026-11-30T17:00:00.000Z',
      lastReferencedAt: '2026-12-02T03:00:00.000Z',
      referenceCount: 2,
      references: [
        {
          category: 'inspection',
          entityId: 'i1',
          link: '/api/operations/inspections/i1',
          eventType: 'InspectionRecorded',
          actor: staff,
          caption: 'left module',
        },
        { category: 'fault', entityId: 'f1', link: '/api/operations/faults/f1', eventType: 'FaultResolved', actor: staff },
      ],
    });
    expect(archive[receipt.blobId]).toMatchObject({ kind: 'document', categories: { expense: true }, referenceCount: 1 });
  });

  it('keeps counting references beyond the 50 it lists', async () => {
    const docs = await projectionSpec(projection)
      .given(...Array.from({ length: 60 }, (_, i) => ({ streamId: `operations.fault-f${i}`, type: 'FaultResolved', data: { photos: [photo(7)] } })))
      .documents();
    expect(docs.evidence_archive[photo(7).blobId]).toMatchObject({ referenceCount: 60 });
    expect((docs.evidence_archive[photo(7).blobId].references as unknown[]).length).toBe(50);
  });

  it('is not started when no context declared a category', () => {
    expect(evidenceArchiveProjection(() => [], 'UTC')).toBeUndefined();
  });
});
