import type { Writable } from 'node:stream';

export function writeJson(out: Writable, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A plain text table: columns padded to the widest cell. */
export function writeTable(out: Writable, headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  out.write(`${line(headers)}\n`);
  for (const row of rows) out.write(`${line(row)}\n`);
}
