import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding, Severity } from '../checks/types';
import { ruleDocUri } from './rule-docs';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const tags = { unnecessary: DiagnosticTag.Unnecessary, deprecated: DiagnosticTag.Deprecated } as const;

export function toDiagnostic(f: Finding, uriOf: (path: string) => string): Diagnostic {
  const href = ruleDocUri(f.code);
  const d: Diagnostic = {
    range: f.range,
    severity: severities[f.severity],
    code: f.code,
    source: 'tunnelwright',
    message: f.message,
  };
  if (href) d.codeDescription = { href };
  if (f.related.length) {
    d.relatedInformation = f.related.map((r) => ({ location: { uri: uriOf(r.path), range: r.range }, message: r.message }));
  }
  if (f.tags?.length) d.tags = f.tags.map((t) => tags[t]);
  return d;
}
