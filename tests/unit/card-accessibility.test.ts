import fs from 'node:fs';
import path from 'node:path';

const FEATURES = path.resolve(__dirname, '../../bot/src/features');
const templates = fs
  .readdirSync(FEATURES)
  .flatMap((feature) => {
    const dir = path.join(FEATURES, feature, 'cards', 'templates');
    return fs.existsSync(dir) ? fs.readdirSync(dir).map((file) => path.join(dir, file)) : [];
  })
  .filter((file) => file.endsWith('.json'));

type Node = Record<string, unknown>;

/** Every element of a template, wherever it sits (body, columns, containers, show-card actions). */
function elements(node: unknown): Node[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (!node || typeof node !== 'object') return [];
  return [node as Node, ...Object.values(node as Node).flatMap(elements)];
}

// Screen readers announce an input by its label (Adaptive Cards 1.3+); a toggle's title is not
// read as one by every client, and an image without alternative text is read as its URL.
describe('every card template a screen-reader user meets', () => {
  it('finds the templates', () => {
    expect(templates.length).toBeGreaterThanOrEqual(20);
  });

  it.each(templates.map((file) => [path.relative(FEATURES, file), file]))('%s labels every input and describes every image', (_name, file) => {
    const all = elements(JSON.parse(fs.readFileSync(file, 'utf8')));
    const unlabelled = all.filter((n) => typeof n.type === 'string' && n.type.startsWith('Input.') && !(typeof n.label === 'string' && n.label.trim()));
    const undescribed = all.filter((n) => n.type === 'Image' && !(typeof n.altText === 'string' && n.altText.trim()));
    expect({ unlabelled: unlabelled.map((n) => n.id), undescribed: undescribed.map((n) => n.url) }).toEqual({ unlabelled: [], undescribed: [] });
  });
});
