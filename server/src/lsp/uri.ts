import { fileURLToPath, pathToFileURL } from 'node:url';

// The model keys files by path; the protocol by URI. File URIs map to file-system paths; other schemes
// (`untitled:`) keep their URI as the path, so unsaved buffers are analysed too.

export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      return uri;
    }
  }
  return uri;
}

/**
 * URIs as the client spelled them, so answers use the exact strings it knows (clients differ in how they
 * percent-encode paths).
 */
export class UriMap {
  private readonly byPath = new Map<string, string>();

  remember(uri: string): string {
    const path = uriToPath(uri);
    this.byPath.set(path, uri);
    return path;
  }

  uriOf(path: string): string {
    const known = this.byPath.get(path);
    if (known !== undefined) return known;
    return /^[a-z][a-z0-9+.-]+:/i.test(path) && !/^[a-z]:[\\/]/i.test(path) ? path : pathToFileURL(path).href;
  }
}
