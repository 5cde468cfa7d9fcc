// Edit Plug-in…: opens the plug-in's `spec.template` (name, version, inputs) in an editable document
// bound to the plug-in by its URI, validated by a schema built from the project's templates.
// Saving keeps a draft; Apply (applyPluginEdit.ts) is the only way anything is sent.
import * as vscode from 'vscode';
import { pluginArgument } from './pickPlugin';
import type { Services } from './services';

export async function editPlugin(s: Services, arg?: unknown): Promise<void> {
  const node = await pluginArgument(s, arg, vscode.l10n.t('Edit Plug-in'));
  if (!node) return;
  const client = s.session.clientFor(node.pool.project.profile);
  const project = node.pool.project;
  const [plugin, templates] = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Loading {0} from {1}…', node.template, node.pool.label) },
    () => Promise.all([
      client.showPlugin(project.ref, node.pool.name, node.template),
      // the schema is a help, not a requirement: an edit works without it
      client.listTemplates(project.ref).then((r) => r.data.items, (e) => {
        s.log.warn(`No schema for ${node.template}: the templates could not be loaded (${e instanceof Error ? e.message : String(e)}).`);
        return [];
      }),
    ]),
  );
  s.editDocuments.addTemplates(templates);
  await s.editDocuments.openPlugin(
    { kind: 'plugin', projectId: project.projectId, projectName: project.name, region: project.region, pool: node.pool.name, poolLabel: node.pool.label, template: node.template, profile: project.profile },
    plugin.data,
  );
}
