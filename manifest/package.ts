import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { buildManifest, checkManifest, type JsonObject, validateSchema } from './build';
import { commandLists, registeredMessageActionIds } from './commands';
import { ICON_FILES } from './icons/make-icons';
import { loadSettings } from './settings';

/**
 * `npm run package -- --env <env>`: builds appPackage.<env>.zip (manifest.json + the two
 * icons) at the repository root, after checking the manifest and validating it offline
 * against the official schema. Nothing is written when a check fails.
 */

export const REPO_ROOT = path.resolve(__dirname, '..');
// A fixed date keeps the zip byte-for-byte reproducible.
const ZIP_DATE = new Date('2026-01-01T00:00:00Z');

export interface PackageOptions {
  env: string;
  envDir?: string;
  environment?: Record<string, string | undefined>;
  outDir?: string;
}

export interface PackageResult {
  zipPath: string;
  manifest: JsonObject;
}

export class PackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`The Teams app package was not built:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageError';
  }
}

export async function createPackage(options: PackageOptions): Promise<PackageResult> {
  const settings = loadSettings(options.env, { ...(options.envDir ? { envDir: options.envDir } : {}), ...(options.environment ? { environment: options.environment } : {}) });
  const manifest = buildManifest(settings, commandLists());
  const problems = checkManifest(manifest, settings, registeredMessageActionIds());
  if (problems.length > 0) throw new PackageError(problems);
  const schemaErrors = await validateSchema(manifest);
  if (schemaErrors.length > 0) throw new PackageError(schemaErrors.map((e) => `schema v${String(manifest.manifestVersion)}: ${e.trim()}`));

  const zip = new JSZip();
  const add = (name: string, data: string | Buffer) => zip.file(name, data, { date: ZIP_DATE, createFolders: false });
  add('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  add('color.png', fs.readFileSync(ICON_FILES.color));
  add('outline.png', fs.readFileSync(ICON_FILES.outline));
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
  const outDir = options.outDir ?? REPO_ROOT;
  fs.mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, `appPackage.${options.env}.zip`);
  fs.writeFileSync(zipPath, bytes);
  return { zipPath, manifest };
}

export function parseArgs(argv: string[]): { env: string } {
  let env: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--env') env = argv[++i];
    else if (arg.startsWith('--env=')) env = arg.slice('--env='.length);
    else throw new PackageError([`unknown argument "${arg}"; usage: npm run package -- --env <local|dev|prod>`]);
  }
  if (!env) throw new PackageError(['missing --env; usage: npm run package -- --env <local|dev|prod>']);
  return { env };
}

async function main(): Promise<void> {
  try {
    const { zipPath, manifest } = await createPackage(parseArgs(process.argv.slice(2)));
    process.stdout.write(
      `${path.relative(process.cwd(), zipPath)}: Teams app ${String(manifest.id)} version ${String(manifest.version)}, validated against schema v${String(manifest.manifestVersion)}\n`,
    );
  } catch (err) {
    // Every failure here is a message for whoever runs the command; a stack would only hide it.
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
