import { loadCatalog, type Language } from '../../bot/src/platform/i18n/i18n';

/**
 * Every message the catalogs can produce, as patterns (placeholders match anything), so a
 * test can tell a catalogued message from anything else (an SDK's words, a stack, a leak).
 */
export function catalogPatterns(lang: Language = 'en'): RegExp[] {
  const out: RegExp[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      const parts = v.split(/{{\s*\w+\s*}}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      out.push(new RegExp(`^${parts.join('[\\s\\S]*')}$`));
    } else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(loadCatalog(lang));
  return out;
}

export function isCatalogued(text: string, patterns: RegExp[]): boolean {
  return patterns.some((p) => p.test(text));
}
