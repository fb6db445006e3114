import escapeHtml from 'escape-html';
import type { MediaOrderState, ProofPack } from '@ooh/buying-domain';

const e = (value: unknown) => escapeHtml(String(value ?? ''));

/** A proof pack as a printable page for the client (播出证明): each unit, what happened, its evidence with sha256. */
export function renderProofPack(order: MediaOrderState, pack: ProofPack): string {
  const units = new Map(
    (order.revisions.find((r) => r.revision === order.signedRevision)?.lines ?? []).flatMap((l) =>
      l.units.map((u) => [u.unitId, { line: l, unit: u }] as const),
    ),
  );
  const rows = pack.units
    .map((p) => {
      const found = units.get(p.unitId);
      const evidence = p.evidence.map((x) => `<a href="/api/evidence/${e(x.blobId)}">${e(x.contentType)}</a> <code>sha256 ${e(x.sha256)}</code>`).join('<br>');
      return `<tr><td>${e(p.unitId)}</td><td>${e(found?.line.property)}</td><td>${e(found?.unit.date)}${found && found.unit.endDate !== found.unit.date ? ` – ${e(found.unit.endDate)}` : ''}</td><td>${e(found?.unit.daypart)}</td><td>${e(p.outcome)}</td><td>${e(p.airedAt ?? '')}</td><td>${evidence}</td></tr>`;
    })
    .join('\n');
  const count = (outcome: string) => pack.units.filter((u) => u.outcome === outcome).length;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>播出证明 ${e(order.plan?.campaign)} ${e(order.vendor?.name)} ${e(pack.packId)}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px}code{font-size:.8em}</style></head>
<body>
<h1>播出证明 Proof of airing</h1>
<p>Campaign <strong>${e(order.plan?.campaign)}</strong> · vendor ${e(order.vendor?.name)} · order ${e(order.orderId)} (revision ${order.signedRevision})</p>
<p>Delivered ${e(pack.deliveredOn)} to ${e(pack.recipient)} by ${e(pack.deliveredBy.userId)}${pack.acknowledgement ? ` · acknowledged ${e(pack.acknowledgement.acknowledgedOn)}` : ''}</p>
<p>${pack.units.length} unit(s): ${count('aired')} aired, ${count('preempted')} preempted, ${count('missed')} missed.${pack.note ? ` ${e(pack.note)}` : ''}</p>
<table><thead><tr><th>unit</th><th>property</th><th>date</th><th>daypart</th><th>outcome</th><th>aired at</th><th>evidence</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>`;
}
