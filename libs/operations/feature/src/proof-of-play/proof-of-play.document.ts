import escapeHtml from 'escape-html';
import type { ProofOfPlayLine } from '@ooh/operations-domain';

interface ReportView {
  reportId: string;
  advertiser: string;
  month: string;
  lines: ProofOfPlayLine[];
  generatedAt: string;
  status: string;
  sentAt: string | null;
  sentTo: string | null;
}

const e = (value: unknown) => escapeHtml(String(value ?? ''));

/** The report as a readable, printable HTML document; every photo is linked with its sha256. */
export function renderProofOfPlay(report: ReportView): string {
  const days = report.lines.reduce((n, l) => n + l.daysLive.length, 0);
  const inspections = report.lines.reduce((n, l) => n + l.inspections.length, 0);
  const rows = report.lines
    .map(
      (l) =>
        `<tr><td>${e(l.siteId)}</td><td>${e(l.face)}</td><td>${l.daysLive.length}</td><td>${e(l.daysLive[0])} – ${e(l.daysLive[l.daysLive.length - 1])}</td><td>${l.inspections.length}</td></tr>`,
    )
    .join('\n');
  const evidence = report.lines
    .flatMap((l) =>
      l.inspections.map(
        (i) =>
          `<li>${e(i.date)} · ${e(l.siteId)}/${e(l.face)} · ads ${i.adsCorrect ? 'correct' : '<strong>not correct</strong>'} · ${i.photos
            .map((p) => `<a href="/api/evidence/${e(p.blobId)}">photo</a> <code>sha256 ${e(p.sha256)}</code>`)
            .join(', ')}</li>`,
      ),
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>监播报告 ${e(report.advertiser)} ${e(report.month)}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px}code{font-size:.8em}</style></head>
<body>
<h1>监播报告 · Proof of play</h1>
<p><strong>${e(report.advertiser)}</strong> · ${e(report.month)} · report ${e(report.reportId)}</p>
<p>${report.lines.length} face(s), ${days} face-days live, ${inspections} inspection(s) on those sites and days. Generated ${e(report.generatedAt)}${
    report.sentAt ? `; sent to ${e(report.sentTo)} on ${e(report.sentAt)}` : '; not yet sent'
  }.</p>
<table><thead><tr><th>site</th><th>face</th><th>days live</th><th>period</th><th>inspections</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Inspections and photos</h2>
<ul>
${evidence || '<li>No inspections recorded on these site-days.</li>'}
</ul>
</body></html>
`;
}
