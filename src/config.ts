// Typed access to the extension's settings (package.json "contributes.configuration"). A named
// profile may override the connection settings: `modelarts.profiles` maps a profile name to its own
// cloud, region, endpoints and projects; what it leaves out comes from the top-level settings.
import * as vscode from 'vscode';
import { EndpointSettings } from './api';

export interface ProjectSetting {
  id: string;
  name: string;
}

export const SECTION = 'modelarts';
export const DEFAULT_PROFILE = 'default';

/** The connection settings a profile may override. */
interface ProfileOverrides {
  cloud?: string;
  region?: string;
  endpoint?: string;
  iamEndpoint?: string;
  projects?: unknown[];
}

/** The settings in force for `profile` (the top-level ones, overridden by `modelarts.profiles[profile]`). */
export function settings(profile: string = DEFAULT_PROFILE) {
  const c = vscode.workspace.getConfiguration(SECTION);
  const o = profileOverrides(profile);
  const pick = <T>(key: keyof ProfileOverrides, fallback: T): T => (o[key] !== undefined ? (o[key] as T) : c.get<T>(key, fallback));
  return {
    endpoints: {
      cloud: pick<string>('cloud', 'huaweicloud'),
      endpoint: pick<string>('endpoint', '') || undefined,
      iamEndpoint: pick<string>('iamEndpoint', '') || undefined,
    } satisfies EndpointSettings,
    region: pick<string>('region', '').trim(),
    projects: (pick<unknown[]>('projects', []) ?? []).filter(isProjectSetting),
    deleteConfirmation: c.get<'button' | 'typeName'>('deleteConfirmation', 'button'),
    timeoutMs: Math.max(1, c.get<number>('requestTimeoutSeconds', 30)) * 1000,
    /** 0 = off; otherwise at least 15 s. */
    autoRefreshMs: autoRefreshMs(c.get<number>('autoRefreshSeconds', 0)),
  };
}

/** Profile names that have their own settings in `modelarts.profiles`. */
export function configuredProfiles(): string[] {
  const all = vscode.workspace.getConfiguration(SECTION).get<Record<string, unknown>>('profiles', {}) ?? {};
  return Object.keys(all).filter((k) => isValidProfileName(k));
}

function profileOverrides(profile: string): ProfileOverrides {
  const all = vscode.workspace.getConfiguration(SECTION).get<Record<string, unknown>>('profiles', {}) ?? {};
  const o = all[profile];
  return o && typeof o === 'object' && !Array.isArray(o) ? (o as ProfileOverrides) : {};
}

/** Seconds from the setting to a period in ms: 0 (or less) is off, anything else at least 15 s. */
export function autoRefreshMs(seconds: number | undefined): number {
  if (!seconds || !(seconds > 0)) return 0;
  return Math.max(15, seconds) * 1000;
}

/** Letters, digits, `-`, `_` and `.`, up to 40 characters. */
export function isValidProfileName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(name);
}

function isProjectSetting(p: unknown): p is ProjectSetting {
  return !!p && typeof (p as ProjectSetting).id === 'string' && typeof (p as ProjectSetting).name === 'string';
}

/** Settings whose change invalidates the client and the tree. */
export const CONNECTION_SETTINGS = ['cloud', 'region', 'endpoint', 'iamEndpoint', 'projects', 'requestTimeoutSeconds', 'profiles'].map((s) => `${SECTION}.${s}`);
