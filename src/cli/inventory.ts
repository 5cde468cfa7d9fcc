// `inventory`: every plug-in of every pool of the projects (all of them when none is named), one row
// each, as json, csv or a table. A part that could not be read is named on stderr and makes exit 1.
import { ApiError, ModelArtsClient, assertName, projectRegion } from '../api';
import { INVENTORY_COLUMNS, inventoryRows, renderInventory } from '../core/inventory';
import { describeFailure, scanFleet, type ScanProject } from '../core/scan';
import type { CliIo } from './report';
import { renderTable } from './table';
import { UsageError } from './usage';

export async function inventoryCommand(client: ModelArtsClient, opts: { projects: string[]; region?: string; output: string }, io: CliIo): Promise<number> {
  for (const id of opts.projects) assertName('project id', id);
  let known: ScanProject[] | undefined;
  try {
    known = (await client.listProjects()).data.map((p) => ({ id: p.id, name: p.name, region: projectRegion(p) }));
  } catch (e) {
    // with named projects the inventory can go on without IAM (names are then the ids)
    if (!opts.projects.length) throw e;
    io.stderr(`modelarts-plugins: could not read project names from IAM (${e instanceof ApiError ? e.errorCode ?? e.kind : 'error'}); using ids.\n`);
  }
  const projects: ScanProject[] = opts.projects.length
    ? opts.projects.map((id) => {
        const p = known?.find((k) => k.id === id);
        const region = opts.region ?? p?.region ?? '';
        if (!region && client.endpoints.cloud === 'huaweicloud') throw new UsageError(`--region is required for project ${id} with --cloud huaweicloud.`);
        return { id, name: p?.name ?? id, region };
      })
    : known!.filter((p) => !opts.region || p.region === opts.region);
  const scan = await scanFleet(client, projects);
  const rows = inventoryRows(scan);
  if (opts.output === 'table') {
    io.stdout(renderTable(INVENTORY_COLUMNS.map((c) => c.toUpperCase()), rows.map((r) => INVENTORY_COLUMNS.map((c) => r[c].replace(/\s+/g, ' ')))) + '\n');
  } else {
    io.stdout(renderInventory(rows, opts.output === 'csv' ? 'csv' : 'json'));
  }
  for (const f of scan.failures) io.stderr(`modelarts-plugins: ${describeFailure(f)}\n`);
  if (scan.failures.length) io.stderr(`modelarts-plugins: ${scan.failures.length} part(s) of the inventory could not be read; the output above is incomplete.\n`);
  return scan.failures.length ? 1 : 0;
}
