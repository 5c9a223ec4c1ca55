// Entry point of dist/server.js: the language server for VS Code (started with --stdio) and other clients.
import { listen } from './server';

listen();
