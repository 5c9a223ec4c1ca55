// Starts the Tunnelwright language server (dist/server.js over stdio) for the dialect languages and for shell
// scripts, where iproute2 tunnel commands live.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export const documentSelector = [
  { language: 'vyos' },
  { language: 'cisco-ios' },
  { language: 'yamaha-rtx' },
  // ifcfg-* and rc.local are shellscript too (package.json filenamePatterns).
  { language: 'shellscript', scheme: 'file' },
  { language: 'shellscript', scheme: 'untitled' },
];

/** Files the server indexes without their being open; it hears about changes to them. */
const watchedFiles = '**/{*.vyos,config.boot,*.ios,*.cisco,*.rtx,*.sh,ifcfg-*,rc.local,.tunnelwright.json}';

export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    synchronize: {
      configurationSection: 'tunnelwright',
      fileEvents: vscode.workspace.createFileSystemWatcher(watchedFiles),
    },
  };
  return new LanguageClient('tunnelwright', 'Tunnelwright Language Server', serverOptions, clientOptions);
}
