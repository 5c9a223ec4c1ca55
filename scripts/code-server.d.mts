// Types for code-server.mjs (used from the TypeScript browser test).
export declare const root: string;
export interface Profile {
  userDataDir: string;
  extensionsDir: string;
  env: NodeJS.ProcessEnv;
  /** Workspace Trust enforced (the folder starts untrusted); off by default. */
  workspaceTrust: boolean;
}
export declare function ensureCodeServer(): void;
export declare function packageVsix(out: string): void;
export declare function freePort(): Promise<number>;
export declare function createProfile(dir: string, vsix: string, options?: { workspaceTrust?: boolean }): Profile;
export declare function startCodeServer(
  profile: Profile,
  folder: string,
  port: number,
  stdio?: 'pipe' | 'inherit',
): Promise<{ url: string; stop(): void }>;
