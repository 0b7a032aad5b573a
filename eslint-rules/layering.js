// The layering rule: every import (static, dynamic, re-export, type-only) from a file in one
// layer must land in the same layer or in one its entry allows. Layers are folders (or single
// files) given in eslint.config.js; what a layer may import is an allow-list, so a new edge
// between layers is a visible change of that list, never an accident. Imports of npm packages
// and Node built-ins are not this rule's business (no-restricted-imports covers electron/node).
import { posix, relative, sep } from 'node:path';

const toPosix = (p) => p.split(sep).join('/');

/**
 * The layer a repo-relative path belongs to: the longest matching folder or file. Specifiers
 * name folders (an index) and files without their extension, so both spellings match.
 */
function layerOf(path, layers) {
  let best = null;
  for (const layer of layers) {
    const hit = layer.path.endsWith('/') ? `${path}/`.startsWith(layer.path) : [path, `${path}.ts`, `${path}.js`].includes(layer.path);
    if (hit && (!best || layer.path.length > best.path.length)) best = layer;
  }
  return best;
}

/** Where an import specifier points, repo-relative; null for npm packages and built-ins. */
function resolveSpecifier(fromFile, specifier, aliases) {
  if (specifier.startsWith('.')) return posix.normalize(posix.join(posix.dirname(fromFile), specifier));
  for (const [alias, target] of Object.entries(aliases)) {
    if (specifier === alias || specifier.startsWith(`${alias}/`)) return target + specifier.slice(alias.length);
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layers: each layer imports only itself and the layers it allows' },
    schema: [{
      type: 'object',
      properties: {
        layers: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, path: { type: 'string' }, allow: { type: 'array', items: { type: 'string' } } },
            required: ['name', 'path', 'allow'],
            additionalProperties: false,
          },
        },
        aliases: { type: 'object', additionalProperties: { type: 'string' } },
        /** Folders whose files are reached only through an alias (a package's public surface). */
        private: { type: 'object', additionalProperties: { type: 'string' } },
      },
      required: ['layers'],
      additionalProperties: false,
    }],
    messages: {
      against: "Layering: {{from}} may not import {{to}} ('{{specifier}}'). {{from}} may import: {{allowed}}. Move the code to the layer where it belongs, or import it from below.",
      outside: "Layering: {{from}} may not import '{{specifier}}', which is in no layer (tests, scripts and bench are not product code).",
      private: "Layering: '{{specifier}}' reaches into the package behind {{alias}}; import {{alias}} (its public surface) instead.",
    },
  },
  create(context) {
    const { layers, aliases = {}, private: privateFolders = {} } = context.options[0];
    const file = toPosix(relative(context.cwd, context.filename));
    const own = layerOf(file, layers);
    if (!own) return {};
    const check = (node, specifier) => {
      if (typeof specifier !== 'string') return;
      const target = resolveSpecifier(file, specifier, aliases);
      if (target === null) return;
      if (specifier.startsWith('.')) {
        for (const [alias, folder] of Object.entries(privateFolders)) {
          if (`${target}/`.startsWith(folder) && !file.startsWith(folder)) {
            context.report({ node, messageId: 'private', data: { specifier, alias } });
            return;
          }
        }
      }
      const layer = layerOf(target, layers);
      if (!layer) {
        context.report({ node, messageId: 'outside', data: { from: own.name, specifier } });
        return;
      }
      if (layer === own || own.allow.includes(layer.name)) return;
      context.report({ node, messageId: 'against', data: { from: own.name, to: layer.name, specifier, allowed: own.allow.join(', ') || 'nothing else' } });
    };
    const fromSource = (node) => { if (node.source) check(node.source, node.source.value); };
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node.source, node.source.value);
      },
    };
  },
};
