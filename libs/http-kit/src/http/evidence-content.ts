/** The accepted evidence types and the bytes each starts with (a file's own signature, not what the client declares). */
const SIGNATURES: Record<string, (bytes: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'image/heic': (b) => b.subarray(4, 8).toString('latin1') === 'ftyp' && /^(heic|heix|mif1|msf1|heif)$/.test(b.subarray(8, 12).toString('latin1')),
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'video/mp4': (b) => b.subarray(4, 8).toString('latin1') === 'ftyp',
  // A vendor's proof of airing (affidavit lines, station e-invoice export): UTF-8 text, no NUL byte.
  'text/csv': (b) => !b.includes(0) && !b.toString('utf8').includes('\uFFFD'),
};

export const EVIDENCE_TYPES = Object.keys(SIGNATURES);

/** Why these bytes cannot be evidence of the declared type, or undefined when they can. */
export function evidenceContentProblem(bytes: Buffer, declared: string): string | undefined {
  if (bytes.length === 0) return 'the file is empty';
  const matches = SIGNATURES[declared];
  if (!matches) return `${declared} is not accepted: send ${EVIDENCE_TYPES.join(', ')}`;
  if (!matches(bytes)) return `the bytes are not ${declared} (its signature is missing)`;
  return undefined;
}
