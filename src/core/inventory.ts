// The inventory: one row per installed plug-in (a pool without plug-ins gives one row with the
// plug-in fields empty), in the column order SPEC §14 fixes, and its three renderings. The JSON
// rendering is an array of objects with exactly those keys; CSV follows RFC 4180 (CRLF, fields
// with a quote, comma or line break quoted, quotes doubled) so a reason with any of them survives.
import { Plugin, poolDisplayName } from '../api';
import type { FleetScan } from './scan';

export const INVENTORY_COLUMNS = ['project_id', 'project', 'pool', 'pool_display_name', 'plugin', 'version', 'phase', 'reason'] as const;
export type InventoryColumn = (typeof INVENTORY_COLUMNS)[number];
export type InventoryRow = Record<InventoryColumn, string>;

export type InventoryFormat = 'markdown' | 'csv' | 'json';

/** The version a plug-in runs: what the status says, else what its spec asked for. */
export function pluginVersion(p: Plugin): string {
  return String(p.status?.version ?? p.spec?.template?.version ?? '');
}

/** Rows of every pool whose plug-ins were read; pools and projects that failed have no rows (the scan lists them). */
export function inventoryRows(scan: FleetScan): InventoryRow[] {
  const rows: InventoryRow[] = [];
  for (const { project, pools } of scan.projects) {
    for (const { pool, plugins } of pools ?? []) {
      if (!plugins) continue;
      const base = { project_id: project.id, project: project.name, pool: pool.metadata.name, pool_display_name: poolDisplayName(pool) };
      if (!plugins.length) rows.push({ ...base, plugin: '', version: '', phase: '', reason: '' });
      for (const p of plugins) {
        rows.push({
          ...base,
          plugin: p.spec.template.name,
          version: pluginVersion(p),
          phase: String(p.status?.phase ?? ''),
          reason: String(p.status?.reason ?? ''),
        });
      }
    }
  }
  return rows;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180: header line, then one record per row, CRLF after each. */
export function toCsv(rows: readonly InventoryRow[]): string {
  const lines = [INVENTORY_COLUMNS.join(','), ...rows.map((r) => INVENTORY_COLUMNS.map((c) => csvField(r[c])).join(','))];
  return lines.map((l) => l + '\r\n').join('');
}

/** An array of objects with exactly the inventory's keys, in column order. */
export function toJson(rows: readonly InventoryRow[]): string {
  return JSON.stringify(rows.map((r) => Object.fromEntries(INVENTORY_COLUMNS.map((c) => [c, r[c]]))), null, 2) + '\n';
}

/** Escapes a table cell: pipes, backslashes and line breaks would break the row. */
export function markdownCell(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r\n|\r|\n/g, '<br>');
}

export function toMarkdown(rows: readonly InventoryRow[], title = 'ModelArts plug-in inventory'): string {
  const header = `| ${INVENTORY_COLUMNS.join(' | ')} |`;
  const rule = `| ${INVENTORY_COLUMNS.map(() => '---').join(' | ')} |`;
  const body = rows.map((r) => `| ${INVENTORY_COLUMNS.map((c) => markdownCell(r[c])).join(' | ')} |`);
  return [`# ${title}`, '', header, rule, ...body, ''].join('\n');
}

export function renderInventory(rows: readonly InventoryRow[], format: InventoryFormat): string {
  switch (format) {
    case 'csv':
      return toCsv(rows);
    case 'json':
      return toJson(rows);
    case 'markdown':
      return toMarkdown(rows);
  }
}
