import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  type TmplAstNode,
  TmplAstBoundAttribute,
  TmplAstBoundText,
  TmplAstElement,
  TmplAstTemplate,
  TmplAstText,
  TmplAstTextAttribute,
  parseTemplate,
} from '@angular/compiler';

/**
 * Every piece of text a template shows is marked for translation (docs/i18n.md): text nodes sit
 * inside an element with an `i18n` attribute, text-bearing attributes (title, aria-label,
 * placeholder, …) carry `i18n-<name>`, and bound attributes do not hide English in string
 * literals. Elements marked `translate="no"` (names, codes, numbers) are left alone.
 */
const APP = join(__dirname, '..', '..');
const TEXT_ATTRIBUTES = new Set([
  'title',
  'alt',
  'placeholder',
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'label',
  'matTooltip',
]);
/** Words that are the same in every language. */
const UNTRANSLATABLE = new Set(['Aniworld', 'TMDB', 'Sonarr', 'Radarr', 'Prowlarr', 'Jellyfin']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** External templates and the inline `template:` of components. */
function templates(): { file: string; html: string }[] {
  const found: { file: string; html: string }[] = [];
  for (const path of files(APP)) {
    const file = relative(APP, path);
    if (path.endsWith('.html')) found.push({ file, html: readFileSync(path, 'utf8') });
    else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) {
      for (const match of readFileSync(path, 'utf8').matchAll(/\btemplate:\s*`([^`]*)`/g)) {
        found.push({ file, html: match[1] });
      }
    }
  }
  return found;
}

function hasWords(text: string): boolean {
  const words = text.replace(/\{\{[\s\S]*?\}\}/g, ' ').match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  return words.some((word) => !UNTRANSLATABLE.has(word));
}

/** String literals in an expression that read like prose: capitalised or with a space. */
function proseLiterals(source: string): string[] {
  return [...source.matchAll(/'([^']*)'|"([^"]*)"/g)]
    .map((m) => m[1] ?? m[2])
    .filter((literal) => /\p{L}/u.test(literal) && /^\p{Lu}|\s/u.test(literal.trim()));
}

function untranslated(nodes: TmplAstNode[]): string[] {
  const found: string[] = [];
  const visit = (node: TmplAstNode): void => {
    if (node instanceof TmplAstElement || node instanceof TmplAstTemplate) {
      if (node.attributes.some((a) => a.name === 'translate' && a.value === 'no')) return;
      for (const attribute of node.attributes) {
        if (
          attribute instanceof TmplAstTextAttribute &&
          TEXT_ATTRIBUTES.has(attribute.name) &&
          !attribute.i18n &&
          hasWords(attribute.value)
        ) {
          found.push(`${attribute.name}="${attribute.value}"`);
        }
      }
      for (const input of node.inputs) {
        if (!(input instanceof TmplAstBoundAttribute) || !TEXT_ATTRIBUTES.has(input.name)) continue;
        const source = (input.value as { source?: string | null }).source ?? '';
        for (const literal of proseLiterals(source)) found.push(`[${input.name}] '${literal}'`);
      }
      // An element marked i18n is translated with everything inside it.
      if (node.i18n && !(node instanceof TmplAstTemplate)) return;
    }
    if (node instanceof TmplAstText && hasWords(node.value)) found.push(node.value.trim());
    if (node instanceof TmplAstBoundText) {
      const source = (node.value as { source?: string | null }).source ?? '';
      if (hasWords(source)) found.push(source.trim());
      for (const literal of proseLiterals(source)) found.push(`'${literal}'`);
    }
    const record = node as unknown as Record<string, unknown>;
    for (const key of [
      'children',
      'branches',
      'cases',
      'empty',
      'placeholder',
      'loading',
      'error',
    ]) {
      const value = record[key];
      if (Array.isArray(value)) value.forEach((child) => visit(child as TmplAstNode));
      else if (value && typeof value === 'object') visit(value as TmplAstNode);
    }
  };
  nodes.forEach(visit);
  return found;
}

describe('templates', () => {
  const all = templates();

  it('finds the templates', () => {
    expect(all.length).toBeGreaterThan(20);
  });

  it.each(all.map((t) => [t.file, t.html] as const))(
    '%s has no untranslated text',
    (file, html) => {
      const parsed = parseTemplate(html, file, { preserveWhitespaces: false });
      expect(parsed.errors ?? []).toEqual([]);
      expect(untranslated(parsed.nodes)).toEqual([]);
    },
  );
});
