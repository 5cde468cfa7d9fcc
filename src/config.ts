// Typed access to the extension's settings (package.json "contributes.configuration").
import * as vscode from 'vscode';
import { EndpointSettings } from './api';

export interface ProjectSetting {
  id: string;
  name: string;
}

export const SECTION = 'modelarts';

export function settings() {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    endpoints: {
      cloud: c.get<string>('cloud', 'huaweicloud'),
      endpoint: c.get<string>('endpoint', '') || undefined,
      iamEndpoint: c.get<string>('iamEndpoint', '') || undefined,
    } satisfies EndpointSettings,
    region: c.get<string>('region', '').trim(),
    projects: (c.get<unknown[]>('projects', []) ?? []).filter(isProjectSetting),
    deleteConfirmation: c.get<'button' | 'typeName'>('deleteConfirmation', 'button'),
    timeoutMs: Math.max(1, c.get<number>('requestTimeoutSeconds', 30)) * 1000,
    caCertificates: (c.get<unknown[]>('caCertificates', []) ?? []).filter((f): f is string => typeof f === 'string' && f.trim() !== '').map((f) => f.trim()),
  };
}

function isProjectSetting(p: unknown): p is ProjectSetting {
  return !!p && typeof (p as ProjectSetting).id === 'string' && typeof (p as ProjectSetting).name === 'string';
}

/** Settings whose change invalidates the client and the tree. */
export const CONNECTION_SETTINGS = ['cloud', 'region', 'endpoint', 'iamEndpoint', 'projects', 'requestTimeoutSeconds', 'caCertificates'].map((s) => `${SECTION}.${s}`);
