// Add Project…: appends a project to the "modelarts.projects" setting, for when IAM cannot list them.
import * as vscode from 'vscode';
import { SECTION, ProjectSetting, settings } from '../config';
import type { Services } from './services';

export async function addProject(s: Services): Promise<void> {
  const id = await vscode.window.showInputBox({
    title: vscode.l10n.t('Add Project (1/2)'),
    prompt: vscode.l10n.t('Project ID: 32 hexadecimal characters, shown in the console under My Credentials → API Credentials.'),
    ignoreFocusOut: true,
    validateInput: (v) => (/^[0-9a-fA-F]{32}$/.test(v.trim()) ? undefined : vscode.l10n.t('A project ID is 32 hexadecimal characters.')),
  });
  if (id === undefined) return;
  const name = await vscode.window.showInputBox({
    title: vscode.l10n.t('Add Project (2/2)'),
    prompt: vscode.l10n.t('Project name, for example cn-north-4 (the region is the part before the first "_").'),
    ignoreFocusOut: true,
    validateInput: (v) => (/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(v.trim()) ? undefined : vscode.l10n.t('Use letters, digits, "-", "_" and "."')),
  });
  if (name === undefined) return;
  const projects: ProjectSetting[] = settings().projects.filter((p) => p.id !== id.trim());
  projects.push({ id: id.trim().toLowerCase(), name: name.trim() });
  await vscode.workspace.getConfiguration(SECTION).update('projects', projects, vscode.ConfigurationTarget.Global);
  s.tree.refresh();
}
