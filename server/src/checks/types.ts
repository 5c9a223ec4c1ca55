import type { Range } from '../model/types';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  path: string;
  range: Range;
  newText: string;
}

/** A fix the rule is certain of, as data: the language server turns it into a code action. */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface RelatedInfo {
  path: string;
  range: Range;
  message: string;
}

export interface Finding {
  path: string;
  range: Range;
  severity: Severity;
  code: string; // rule id, e.g. `pair/mtu-mismatch`
  message: string;
  related: RelatedInfo[];
  fixes: Fix[];
  tags?: ('unnecessary' | 'deprecated')[];
}
