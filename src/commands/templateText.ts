// How a template version is described in quick picks (Install and Upgrade alike).
import * as vscode from 'vscode';
import { versionDescription, type PluginTemplateVersion } from '../api';

/** A version's description, in Chinese where the cloud offers it and VS Code shows Chinese. */
export function descriptionOf(v: PluginTemplateVersion | undefined): string | undefined {
  return v && versionDescription(v, vscode.env.language);
}
