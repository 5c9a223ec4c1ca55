import type { Device, Range, Tunnel, TunnelDecl, Workspace } from '../model/types';
import type { EndpointIndex } from '../model/pairing';
import type { Finding, Fix, RelatedInfo, Severity } from './types';

// The rule factory: every rule is data (id, family, severity, docs, messages) plus one `check` function.

export interface Report {
  path: string;
  range: Range;
  messageId: string;
  data?: Record<string, string | number>;
  related?: RelatedInfo[];
  fixes?: Fix[];
  tags?: Finding['tags'];
  /** For rules whose severity depends on the case (6rd/prefix-too-long); a user setting still wins. */
  severity?: Severity;
}

/** What a rule sees: the workspace, shared lookups, and `report`. Never text. */
export interface RuleContext {
  ws: Workspace;
  index: EndpointIndex;
  tunnel(id: string): Tunnel;
  device(id: string): Device;
  /** The tunnels paired with `t`. */
  peers(t: Tunnel): Tunnel[];
  /** A tunnel's own inner addresses of one family, with where they are written. */
  addresses(t: Tunnel, family: 4 | 6): Device['addresses'];
  /** The declarations of a tunnel as the files wrote them. */
  decls(t: Tunnel): { path: string; decl: TunnelDecl }[];
  report(r: Report): void;
  /**
   * Run `check` for each device, for findings that depend on nothing but that device (its files, interfaces,
   * routes and its tunnels' own fields, never their peers). A device the build cache reused keeps the
   * findings it had, so an edit re-checks only its own device.
   */
  eachDevice(check: (device: Device, ctx: RuleContext) => void): void;
}

export interface RuleSpec {
  id: string;
  family: string;
  defaultSeverity: Severity;
  description: string;
  messages: Record<string, string>;
  fixable: boolean;
  check(ctx: RuleContext): void;
}

export interface Rule extends RuleSpec {
  /** Documentation page, relative to the repository root. */
  docs: string;
}

export const docsPathOf = (id: string): string => `docs/rules/${id}.md`;

export function defineRule(spec: RuleSpec): Rule {
  if (!spec.id.startsWith(`${spec.family}/`)) throw new Error(`rule ${spec.id} is not in family ${spec.family}`);
  return { ...spec, docs: docsPathOf(spec.id) };
}

/** `{name}` placeholders of a message filled from `data`. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, k: string) => (k in data ? String(data[k]) : whole));
}
