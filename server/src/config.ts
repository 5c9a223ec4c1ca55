import type { Severity } from './checks/types';

/** Settings shared by the CLI (`.tunnelwright.json`) and the language server (VS Code settings). */
export interface Settings {
  /** Underlay MTU assumed when the interface a tunnel leaves by is unknown. */
  defaultUnderlayMtu: number;
  /** Per-rule severity override, or 'off'. */
  rules: Record<string, Severity | 'off'>;
  /** Glob patterns (relative to the workspace root) of files to analyse / skip. */
  include: string[];
  exclude: string[];
}

export const defaultSettings: Settings = {
  defaultUnderlayMtu: 1500,
  rules: {},
  include: [],
  exclude: ['**/node_modules/**', '**/.git/**'],
};

const severities = new Set(['error', 'warning', 'information', 'hint', 'off']);

/**
 * Settings from a `.tunnelwright.json` text, over the defaults. Unknown or malformed entries are reported
 * (with the file name) and ignored, never fatal.
 */
export function parseSettingsJson(text: string, path: string): { settings: Settings; errors: string[] } {
  const settings: Settings = { ...defaultSettings, rules: {}, include: [...defaultSettings.include], exclude: [...defaultSettings.exclude] };
  const errors: string[] = [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { settings, errors: [`${path}: not valid JSON (${e instanceof Error ? e.message : String(e)})`] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { settings, errors: [`${path}: expected a JSON object`] };
  }
  return { settings: mergeSettings(settings, raw as Record<string, unknown>, path, errors), errors };
}

/** Apply a plain object of settings (from JSON or the editor) over `base`. */
export function mergeSettings(base: Settings, raw: Record<string, unknown>, origin: string, errors: string[]): Settings {
  const out: Settings = { ...base, rules: { ...base.rules } };
  for (const [key, value] of Object.entries(raw)) {
    switch (key) {
      case 'defaultUnderlayMtu':
        if (typeof value === 'number' && Number.isInteger(value) && value >= 68 && value <= 65535) out.defaultUnderlayMtu = value;
        else errors.push(`${origin}: "defaultUnderlayMtu" must be an integer from 68 to 65535`);
        break;
      case 'rules':
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          errors.push(`${origin}: "rules" must be an object of rule id → severity`);
          break;
        }
        for (const [id, sev] of Object.entries(value as Record<string, unknown>)) {
          if (typeof sev === 'string' && severities.has(sev)) out.rules[id] = sev as Severity | 'off';
          else errors.push(`${origin}: rule "${id}": expected one of error, warning, information, hint, off`);
        }
        break;
      case 'include':
      case 'exclude':
        if (Array.isArray(value) && value.every((v) => typeof v === 'string')) out[key] = value as string[];
        else errors.push(`${origin}: "${key}" must be an array of glob patterns`);
        break;
      default:
        errors.push(`${origin}: unknown setting "${key}"`);
    }
  }
  return out;
}
