import { Controller, Get, Inject, Injectable, Param, Query, Req, type OnModuleInit } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { forbidden, invalid, notFound, unprocessable, type BlobRef, type BlobStore, type Filter, type ReadModelStore } from '@ooh/eventing';
import { Roles, type AuthenticatedRequest } from '../auth/auth.decorators';
import type { Role } from '../auth/roles';
import type { PlatformConfig } from '../runtime/platform-config';
import { SubscriptionsHost } from '../runtime/subscriptions-host';
import { BLOB_STORE, PLATFORM_CONFIG, READ_MODELS } from '../runtime/tokens';
import {
  ArchivedEvidenceDto,
  ArchivedEvidencePageDto,
  EvidenceArchiveQueryDto,
  UnreferencedEvidencePageDto,
  UnreferencedQueryDto,
  type UnreferencedEvidenceDto,
} from './evidence-archive.dto';
import { EVIDENCE_ARCHIVE, evidenceArchiveProjection, type ArchivedEvidence } from './evidence-archive.projection';
import { EvidenceCategories } from './evidence-categories';

/** Everyone who reads some category of the archive (each category names its readers). */
const ARCHIVE_READERS: Role[] = [
  'ops-manager',
  'sales',
  'executive',
  'finance',
  'account-manager',
  'account-director',
  'media-manager',
  'media-director',
  'production-manager',
  'production-director',
  'art-director',
  'admin',
];

/** Starts the archive's projection over the categories the contexts declared. */
@Injectable()
export class EvidenceArchiveProjection implements OnModuleInit {
  constructor(
    private readonly host: SubscriptionsHost,
    private readonly categories: EvidenceCategories,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  onModuleInit(): void {
    this.host.registerProjectionAtStart(() => evidenceArchiveProjection(() => this.categories.all(), this.config.timeZone));
  }
}

const described = (ref: BlobRef | undefined) =>
  ref
    ? {
        size: ref.size,
        ...(ref.filename ? { filename: ref.filename } : {}),
        ...(ref.storedAt ? { storedAt: ref.storedAt } : {}),
        ...(ref.storedBy ? { storedBy: ref.storedBy } : {}),
        ...(ref.captured ? { captured: ref.captured } : {}),
      }
    : {};

/**
 * The evidence archive: stored photos, videos and documents filed by the category of the facts that
 * reference them (site, inspection, fault, booking, installation, expense…), by kind and month, each
 * with those facts; and the stored evidence nothing references.
 */
@ApiTags('evidence')
@ApiBearerAuth()
@Controller('api/evidence-archive')
export class EvidenceArchiveController {
  constructor(
    private readonly categories: EvidenceCategories,
    @Inject(READ_MODELS) private readonly readModels: ReadModelStore,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
  ) {}

  @Get()
  @Roles(...ARCHIVE_READERS)
  @ApiOkResponse({ type: ArchivedEvidencePageDto })
  async list(@Query() q: EvidenceArchiveQueryDto, @Req() request: AuthenticatedRequest): Promise<ArchivedEvidencePageDto> {
    const filter: Filter = {};
    const readable = this.categories.readableBy(request.user?.roles ?? []);
    if (q.category) {
      const category = this.categories.named(q.category);
      if (!category) {
        throw unprocessable('UNKNOWN_CATEGORY', `no evidence category ${q.category}`, [
          {
            field: 'category',
            message: `one of ${this.categories
              .all()
              .map((c) => c.category)
              .join(', ')}`,
          },
        ]);
      }
      if (!readable.includes(category)) {
        throw forbidden('CATEGORY_NOT_READABLE', `the ${q.category} evidence is read by ${category.readers.join(', ')} (and admin)`);
      }
      filter[`categories.${category.category}`] = true;
    } else if (readable.length < this.categories.all().length) {
      throw invalid('CATEGORY_REQUIRED', `your roles read only part of the archive: name one of ${readable.map((c) => c.category).join(', ')}`, [
        { field: 'category', message: `required for your roles: one of ${readable.map((c) => c.category).join(', ')}` },
      ]);
    }
    if (q.kind) filter.kind = q.kind;
    if (q.month) filter.month = q.month;
    const page = await this.readModels.find<ArchivedEvidence>(EVIDENCE_ARCHIVE, {
      filter,
      sort: { field: 'firstReferencedAt', direction: 'desc' },
      limit: q.limit ?? 50,
      cursor: q.cursor,
    });
    const items = await Promise.all(page.items.map((doc) => this.view(doc)));
    return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  /** Stored evidence no fact references: uploaded and never used, or used by a fact not yet projected. */
  @Get('unreferenced')
  @Roles('admin')
  @ApiOkResponse({ type: UnreferencedEvidencePageDto })
  async unreferenced(@Query() q: UnreferencedQueryDto): Promise<UnreferencedEvidencePageDto> {
    const limit = q.limit ?? 200;
    const stored = await this.blobs.list({ after: q.cursor, limit });
    const referenced = new Set(
      (
        await this.readModels.getMany(
          EVIDENCE_ARCHIVE,
          stored.map((r) => r.id),
        )
      ).map((d) => d.id),
    );
    const items: UnreferencedEvidenceDto[] = stored
      .filter((ref) => !referenced.has(ref.id))
      .map((ref) => ({ blobId: ref.id, contentType: ref.contentType, ...described(ref), size: ref.size }));
    return { items, examined: stored.length, ...(stored.length === limit ? { nextCursor: stored[stored.length - 1].id } : {}) };
  }

  @Get(':blobId')
  @Roles(...ARCHIVE_READERS)
  @ApiOkResponse({ type: ArchivedEvidenceDto })
  async get(@Param('blobId') blobId: string, @Req() request: AuthenticatedRequest): Promise<ArchivedEvidenceDto> {
    const stored = /^[a-f0-9]{64}$/.test(blobId) ? await this.readModels.get<ArchivedEvidence>(EVIDENCE_ARCHIVE, blobId) : undefined;
    if (!stored) throw notFound('ARCHIVED_EVIDENCE_NOT_FOUND', `no fact references evidence ${blobId}`);
    const readable = new Set(this.categories.readableBy(request.user?.roles ?? []).map((c) => c.category));
    if (!Object.keys(stored.doc.categories).some((c) => readable.has(c))) {
      throw forbidden(
        'CATEGORY_NOT_READABLE',
        `evidence ${blobId} is filed under ${Object.keys(stored.doc.categories).join(', ')}, which your roles do not read`,
      );
    }
    return this.view(stored.doc, readable);
  }

  private async view(doc: ArchivedEvidence, readable?: Set<string>): Promise<ArchivedEvidenceDto> {
    const { categories, references, ...rest } = doc;
    return {
      ...rest,
      categories: Object.keys(categories).sort(),
      // A caller reading only some categories sees only those facts.
      references: readable ? references.filter((r) => readable.has(r.category)) : references,
      ...described(await this.blobs.head(doc.blobId)),
    };
  }
}
