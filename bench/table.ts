/** One line of the benchmark's table: a figure, the reference measured in the same run, and what issue #7 asks of it. */
export interface Row {
  figure: string;
  unit: string;
  value: number;
  reference: number;
  /** value / reference; null where a ratio means nothing. */
  ratio: number | null;
  /** What issue #7 asks for, e.g. ">= 0.6x" or "<= 25 ms"; checked against the value or the ratio. */
  target?: { text: string; pass(row: Row): boolean };
}

export const atLeastRatio = (min: number) => ({ text: `>= ${min}x`, pass: (r: Row) => r.ratio !== null && r.ratio >= min });
export const atMostRatio = (max: number) => ({ text: `<= ${max}x`, pass: (r: Row) => r.ratio !== null && r.ratio <= max });
export const atLeast = (min: number, unit: string) => ({ text: `>= ${min.toLocaleString('en-US')} ${unit}`, pass: (r: Row) => r.value >= min });
export const atMost = (max: number, unit: string) => ({ text: `<= ${max.toLocaleString('en-US')} ${unit}`, pass: (r: Row) => r.value <= max });

export const ratio = (value: number, reference: number) => (reference > 0 ? value / reference : null);

function formatNumber(n: number): string {
  if (Number.isNaN(n)) return '-';
  if (Number.isInteger(n) || Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  return n.toFixed(1);
}

export function table(data: Row[]): string {
  const lines = [
    ['figure', 'value', 'reference', 'ratio', 'target', 'result'],
    ...data.map((r) =>
      r.figure.startsWith('-- ')
        ? [r.figure, '', '', '', '', '']
        : [
            `${r.figure} (${r.unit})`,
            formatNumber(r.value),
            formatNumber(r.reference),
            r.ratio === null ? '-' : `${r.ratio.toFixed(2)}x`,
            r.target?.text ?? '-',
            r.target ? (r.target.pass(r) ? 'pass' : 'FAIL') : '-',
          ],
    ),
  ];
  const widths = lines[0].map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  const render = (l: string[]) => l.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('   ');
  return [render(lines[0]), widths.map((w) => '-'.repeat(w)).join('   '), ...lines.slice(1).map(render)].join('\n');
}
