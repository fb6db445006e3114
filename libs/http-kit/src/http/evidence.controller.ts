import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AppError, invalid, notFound, unprocessable, type BlobStore, type Clock } from '@ooh/eventing';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EVIDENCE_TYPES, evidenceContentProblem } from './evidence-content';
import { captureFacts } from './evidence-capture';
import { CaptureFactsDto } from './views.dto';
import { Roles, type AuthenticatedRequest } from '../auth/auth.decorators';
import { STAFF_ROLES } from '../auth/roles';
import { BLOB_STORE, CLOCK, PLATFORM_CONFIG } from '../runtime/tokens';
import type { PlatformConfig } from '../runtime/platform-config';

export class EvidenceRefDto {
  @ApiProperty() blobId!: string;
  @ApiProperty({ description: 'sha256 of the content, hex' }) sha256!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) size!: number;
  @ApiProperty() contentType!: string;
  @ApiProperty({ required: false }) filename?: string;
  @ApiProperty({ required: false, format: 'date-time', description: 'When the content was first uploaded' }) storedAt?: string;
  @ApiProperty({ required: false, description: 'Who first uploaded it' }) storedBy?: string;
  @ApiProperty({ required: false, type: CaptureFactsDto, description: 'When and where the photo was taken, as its EXIF says' })
  captured?: CaptureFactsDto;
}

class VerificationDto {
  @ApiProperty() blobId!: string;
  @ApiProperty({ description: 'sha256 recorded at upload' }) sha256!: string;
  @ApiProperty({ description: 'The stored bytes still hash to it' }) intact!: boolean;
}

/**
 * Evidence (photos, signed documents) is uploaded first, stored content-addressed, and then
 * referenced from commands by blobId + sha256: events carry references, never bytes.
 */
/** RFC 6266 attachment with an ASCII fallback and the UTF-8 name (RFC 8187): no quote or control character gets through. */
const attachment = (filename: string) =>
  `attachment; filename="${filename.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('api/evidence')
export class EvidenceController {
  constructor(
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles(...STAFF_ROLES)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
    encoding: { file: { contentType: EVIDENCE_TYPES.join(', ') } },
  })
  @ApiCreatedResponse({ type: EvidenceRefDto })
  async upload(@Req() request: FastifyRequest & AuthenticatedRequest): Promise<EvidenceRefDto> {
    if (!request.isMultipart()) throw new AppError('invalid', 'NOT_MULTIPART', 'Upload evidence as multipart/form-data with a "file" part');
    const file = await request.file({ limits: { fileSize: this.config.uploadLimitBytes, files: 1 } }).catch((e: Error) => {
      throw invalid('MALFORMED_MULTIPART', `The multipart body could not be read: ${e.message}`, [{ field: 'file', message: 'malformed multipart' }]);
    });
    if (!file || file.fieldname !== 'file') throw invalid('FILE_REQUIRED', 'A "file" part is required', [{ field: 'file', message: 'missing' }]);
    if (!EVIDENCE_TYPES.includes(file.mimetype)) {
      file.file.resume();
      throw invalid('UNSUPPORTED_EVIDENCE_TYPE', `Evidence must be JPEG, PNG, WebP, HEIC, PDF or MP4, not ${file.mimetype}`, [
        { field: 'file', message: 'unsupported content type' },
      ]);
    }
    const bytes = await file.toBuffer().catch((e: Error & { code?: string }) => {
      if (e.code === 'FST_REQ_FILE_TOO_LARGE')
        throw new AppError('too-large', 'FILE_TOO_LARGE', `Evidence is limited to ${this.config.uploadLimitBytes} bytes`);
      throw invalid('MALFORMED_MULTIPART', `The multipart body could not be read: ${e.message}`, [{ field: 'file', message: 'malformed multipart' }]);
    });
    const problem = evidenceContentProblem(bytes, file.mimetype);
    // The document cannot describe a file's bytes: well-formed, but unprocessable.
    if (problem)
      throw unprocessable(bytes.length === 0 ? 'EMPTY_FILE' : 'CONTENT_TYPE_MISMATCH', `Not accepted as evidence: ${problem}`, [
        { field: 'file', message: problem },
      ]);
    const ref = await this.blobs.put(bytes, {
      contentType: file.mimetype,
      filename: file.filename,
      maxBytes: this.config.uploadLimitBytes,
      storedAt: this.clock.now().toISOString(),
      storedBy: request.actor?.userId,
      captured: captureFacts(bytes, file.mimetype, this.config.timeZone),
    });
    const { id, ...described } = ref;
    return { blobId: id, ...described };
  }

  @Get(':blobId')
  @Roles(...STAFF_ROLES)
  @ApiProduces(...EVIDENCE_TYPES)
  @ApiOkResponse({
    description: 'The bytes, served as the type they were checked to be, as an attachment (X-Content-Sha256 carries the hash)',
    content: Object.fromEntries(EVIDENCE_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
  })
  async download(@Param('blobId') blobId: string, @Res() reply: FastifyReply): Promise<void> {
    const found = await this.blobs.get(blobId);
    if (!found) throw notFound('EVIDENCE_NOT_FOUND', `No evidence ${blobId}`);
    void reply
      .header('content-type', found.ref.contentType)
      // Served as what it was checked to be, never sniffed into something else, and downloaded rather than rendered.
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', attachment(found.ref.filename ?? found.ref.id))
      .header('x-content-sha256', found.ref.sha256)
      .header('cache-control', 'private, max-age=31536000, immutable')
      .send(found.content);
  }

  @Get(':blobId/verification')
  @Roles(...STAFF_ROLES)
  @ApiOkResponse({ type: VerificationDto })
  async verify(@Param('blobId') blobId: string) {
    const ref = await this.blobs.head(blobId);
    if (!ref) throw notFound('EVIDENCE_NOT_FOUND', `No evidence ${blobId}`);
    return { blobId, sha256: ref.sha256, intact: await this.blobs.verify(blobId) };
  }
}
