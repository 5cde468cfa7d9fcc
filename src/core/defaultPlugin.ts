// Whether a plug-in is one the cloud installs by default (FIDELITY #7). The cloud's refusal to
// uninstall one is a plain 400 "Bad request." that says nothing of the kind, and a 400 has many
// causes, so neither the code nor a name pattern can tell; the template can: `spec.optional: false`.
import { ModelArtsClient, type ProjectRef } from '../api';

/**
 * True when the template of `template` says `spec.optional: false`, false when it says otherwise,
 * undefined when the template cannot be read (then nothing may be claimed).
 */
export async function installedByDefault(client: ModelArtsClient, project: ProjectRef, template: string, signal?: AbortSignal): Promise<boolean | undefined> {
  try {
    const r = await client.listTemplates(project, { template, signal });
    const t = r.data.items.find((x) => x?.metadata?.name === template);
    return t ? t.spec?.optional === false : undefined;
  } catch {
    return undefined;
  }
}
