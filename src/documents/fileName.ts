/**
 * A name (a pool's display name, a version) as part of the last path segment of a document URI, which
 * is the tab's title: a slash would split the segment, so slashes and backslashes become `_`.
 */
export function fileName(name: string): string {
  return name.replace(/[/\\]/g, '_');
}
