import type { Severity } from './types';
import type { Rule } from './rule';
import { syntaxRules } from './syntax';
import { referenceRules } from './references';
import { pairRules } from './pairing';
import { sixrdRules } from './sixrd';
import { mtuRules } from './mtu';
import { routeRules } from './routes';
import { natRules } from './nat';
import { ip6tnlRules } from './ip6tnl';

/** Every rule, in the order findings are produced. */
export const rules: readonly Rule[] = [
  ...syntaxRules,
  ...referenceRules,
  ...pairRules,
  ...sixrdRules,
  ...mtuRules,
  ...routeRules,
  ...natRules,
  ...ip6tnlRules,
];

export interface CatalogEntry {
  id: string;
  family: string;
  severity: Severity;
  description: string;
  /** Documentation page, relative to the repository root (`docs/rules/pair/mtu-mismatch.md`). */
  docs: string;
  fixable: boolean;
}

/** The catalog as the language server and the CLI show it (codeDescription links, `--list-rules`). */
export const catalog: readonly CatalogEntry[] = rules.map((r) => ({
  id: r.id,
  family: r.family,
  severity: r.defaultSeverity,
  description: r.description,
  docs: r.docs,
  fixable: r.fixable,
}));

const byId = new Map(catalog.map((e) => [e.id, e]));

export function ruleInfo(id: string): CatalogEntry | undefined {
  return byId.get(id);
}
