import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { createI18n, translator } from '../../bot/src/platform/i18n/i18n';
import type { ChatCommand } from '../../bot/src/platform/teams/feature';
import { FeatureRegistry } from '../../bot/src/platform/teams/feature-registry';
import { asArray, asObject, buildManifest, checkManifest, type JsonObject, onValidDomain, urlsIn, validateSchema } from '../../manifest/build';
import { commandLists, menuCommands, registeredCommands, registeredMessageActionIds } from '../../manifest/commands';
import { BOT_SCOPES, ICON_SIZES, MANIFEST_VERSION, MESSAGE_ACTION_COMMAND_ID, PACKAGE_FILES, STATIC_TAB_IDS, TAB_VIEWS, tabUrl } from '../../manifest/constants';
import { drawColorIcon, drawOutlineIcon, ICON_FILES } from '../../manifest/icons/make-icons';
import { createPackage, parseArgs } from '../../manifest/package';
import { loadSettings, type ManifestSettings } from '../../manifest/settings';

// @microsoft/app-manifest requires strip-bom 5, an ES module jest cannot load as CommonJS (plain
// Node, which `npm run package` uses, can). Stand in for it with the same one-line behaviour.
jest.mock(require.resolve('strip-bom', { paths: [require.resolve('@microsoft/app-manifest')] }), () => ({
  __esModule: true,
  default: (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text),
}));

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TEST_ENV = {
  TEAMS_APP_ID: '6f1c2a3b-4d5e-4f60-8a71-92b3c4d5e6f7',
  BOT_ID: '0b7e5c1d-2a3f-4b4c-9d5e-6f708192a3b4',
  APP_DOMAIN: 'app-quorumtest.azurewebsites.net',
  TAB_SSO_CLIENT_ID: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f',
  APP_VERSION: '1.2.3',
  APP_NAME_SUFFIX: '-test',
  DEVELOPER_NAME: 'InfoSec SIG',
  DEVELOPER_WEBSITE_URL: 'https://sig.example.org',
  PRIVACY_URL: 'https://sig.example.org/privacy',
  TERMS_OF_USE_URL: 'https://sig.example.org/terms',
};

let tmp: string;
let envDir: string;
let settings: ManifestSettings;
let manifest: JsonObject;
// Packaging runs every check at once; kept apart so a broken rule fails its own test below.
let packaged: { zip: JSZip; manifest: JsonObject } | { error: unknown };

function writeEnv(name: string, values: Record<string, string>): void {
  fs.writeFileSync(path.join(envDir, `${name}.json`), JSON.stringify(values));
}

const clone = (m: JsonObject): JsonObject => JSON.parse(JSON.stringify(m)) as JsonObject;
const bot = (m: JsonObject) => asObject(asArray(m.bots)[0]);
function built(): { zip: JSZip; manifest: JsonObject } {
  if ('error' in packaged) throw new Error(`the package was not built: ${packaged.error instanceof Error ? packaged.error.message : String(packaged.error)}`);
  return packaged;
}
const readPng = (file: string) => PNG.sync.read(fs.readFileSync(file));

// The schema is bundled: any network lookup is a failure, not a fallback.
const realFetch = globalThis.fetch;
beforeAll(() => {
  globalThis.fetch = () => Promise.reject(new Error('network access during the manifest tests'));
});
afterAll(() => {
  globalThis.fetch = realFetch;
});

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'quorum-manifest-'));
  envDir = path.join(tmp, 'env');
  fs.mkdirSync(envDir);
  writeEnv('test', TEST_ENV);
  settings = loadSettings('test', { envDir, environment: {} });
  manifest = buildManifest(settings);
  try {
    const result = await createPackage({ env: 'test', envDir, environment: {}, outDir: tmp });
    expect(path.basename(result.zipPath)).toBe('appPackage.test.zip');
    packaged = { zip: await JSZip.loadAsync(fs.readFileSync(result.zipPath)), manifest: result.manifest };
  } catch (error) {
    packaged = { error };
  }
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the built manifest', () => {
  it(`passes the official schema v${MANIFEST_VERSION}, offline`, async () => {
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`);
    expect(await validateSchema(manifest)).toEqual([]);
  });

  it('is packaged: `npm run package` passes every check and puts this manifest in the zip', async () => {
    const { zip, manifest: packagedManifest } = built();
    expect(packagedManifest).toEqual(manifest);
    expect(JSON.parse(await zip.file('manifest.json')!.async('string'))).toEqual(manifest);
  });

  it('fails the schema when it is wrong (the validation really runs)', async () => {
    const broken = clone(manifest);
    broken.accentColor = 'blue';
    delete bot(broken).botId;
    const errors = await validateSchema(broken);
    expect(errors.join('\n')).toMatch(/accentColor/);
    expect(errors.join('\n')).toMatch(/botId/);
  });

  it('has no problem the schema cannot see', () => {
    expect(checkManifest(manifest, settings)).toEqual([]);
  });
});

describe('ids', () => {
  it('are GUIDs and agree: app id, bot id (bot and message action), SSO app id and resource', () => {
    const extension = asObject(asArray(manifest.composeExtensions)[0]);
    const sso = asObject(manifest.webApplicationInfo);
    for (const id of [manifest.id, bot(manifest).botId, extension.botId, sso.id]) expect(id).toMatch(GUID);
    expect(manifest.id).toBe(TEST_ENV.TEAMS_APP_ID);
    expect(bot(manifest).botId).toBe(TEST_ENV.BOT_ID);
    expect(extension.botId).toBe(bot(manifest).botId);
    expect(sso.id).toBe(TEST_ENV.TAB_SSO_CLIENT_ID);
    expect(sso.resource).toBe(`api://${TEST_ENV.APP_DOMAIN}/${TEST_ENV.TAB_SSO_CLIENT_ID}`);
  });

  it('are checked: a message action on another bot, or a foreign SSO resource, is reported', () => {
    const broken = clone(manifest);
    asObject(asArray(broken.composeExtensions)[0]).botId = '11111111-2222-4333-8444-555555555555';
    asObject(broken.webApplicationInfo).resource = 'api://elsewhere.example.org/c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f';
    broken.id = 'not-a-guid';
    const problems = checkManifest(broken, settings).join('\n');
    expect(problems).toMatch(/composeExtension/);
    expect(problems).toMatch(/webApplicationInfo.resource/);
    expect(problems).toMatch(/^id is not a GUID/m);
  });
});

describe('bot commands', () => {
  // Independently of the builder: the registry the service uses, and its English texts.
  const commands = registeredCommands();
  const registry = new FeatureRegistry([{ name: 'all', commands }]);
  const t = translator(createI18n(), 'en');
  const inMenu = commands.filter((c) => c.inMenu === true);

  it('lists one command list per scope: personal, team, group chat', () => {
    const lists = asArray(bot(manifest).commandLists).map(asObject);
    expect(lists.map((l) => l.scopes)).toEqual(BOT_SCOPES.map((s) => [s]));
  });

  it.each(BOT_SCOPES)('lists exactly the in-menu commands in %s (both ways), each handled by the bot', (scope) => {
    const list = asArray(bot(manifest).commandLists)
      .map(asObject)
      .find((l) => JSON.stringify(l.scopes) === JSON.stringify([scope]));
    const listed = asArray(list?.commands).map(asObject);
    expect(listed.length).toBeLessThanOrEqual(10);
    // manifest → bot: each title is a phrase the bot matches to an in-menu command, described by its help text
    for (const entry of listed) {
      const match = registry.match(String(entry.title));
      expect({ title: entry.title, command: match?.command.id, args: match?.args }).toEqual({ title: entry.title, command: expect.any(String), args: '' });
      expect(match!.command.inMenu).toBe(true);
      expect(entry.description).toBe(t(match!.command.descriptionKey));
      expect(String(entry.description).length).toBeLessThanOrEqual(128);
    }
    // bot → manifest: every in-menu command is listed under its first phrase
    expect(listed.map((e) => e.title).sort()).toEqual(inMenu.map((c) => c.words.en[0]!.join(' ')).sort());
  });

  it('refuses more than 10 menu commands, and a command without an English description', () => {
    const fake = (id: string, key = 'help.commands.help'): ChatCommand => ({
      id,
      words: { en: [[id]] },
      usageKey: id,
      descriptionKey: key,
      audience: 'everyone',
      inMenu: true,
      run: async () => undefined,
    });
    expect(() => menuCommands(Array.from({ length: 11 }, (_, i) => fake(`c${i}`)))).toThrow(/at most 10/);
    expect(() => menuCommands([fake('x', 'help.commands.noSuchKey')])).toThrow(/no English text/);
    expect(commandLists([])).toEqual([]);
  });
});

describe('message action and tabs', () => {
  it(`declares the message action "${MESSAGE_ACTION_COMMAND_ID}" (action, fetchTask, on messages)`, () => {
    const commands = asArray(asObject(asArray(manifest.composeExtensions)[0]).commands).map(asObject);
    expect(commands).toEqual([expect.objectContaining({ id: MESSAGE_ACTION_COMMAND_ID, type: 'action', fetchTask: true, context: ['message'] })]);
  });

  it('declares exactly the message actions the bot handles, and reports a drift either way', () => {
    const handled = registeredMessageActionIds();
    expect(handled).toEqual([MESSAGE_ACTION_COMMAND_ID]);
    expect(checkManifest(manifest, settings, handled)).toEqual([]);
    expect(checkManifest(manifest, settings, [])).toContainEqual(expect.stringMatching(/declared but no bot feature handles it/));
    expect(checkManifest(manifest, settings, [...handled, 'other'])).toContainEqual(expect.stringMatching(/handles message action "other" but the manifest does not declare it/));
  });

  it('has a configurable tab for the channel and every meeting surface, and a personal "My items" tab', () => {
    const tab = asObject(asArray(manifest.configurableTabs)[0]);
    expect(tab.configurationUrl).toBe(tabUrl(TEST_ENV.APP_DOMAIN, TAB_VIEWS.configure));
    expect(tab.scopes).toEqual(['team', 'groupChat']);
    expect(tab.context).toEqual(['channelTab', 'meetingChatTab', 'meetingDetailsTab', 'meetingSidePanel', 'meetingStage']);
    const statics = asArray(manifest.staticTabs).map(asObject);
    expect(statics.map((s) => s.entityId)).toEqual([STATIC_TAB_IDS.chat, STATIC_TAB_IDS.myItems]);
    expect(statics[1]!.contentUrl).toBe(tabUrl(TEST_ENV.APP_DOMAIN, TAB_VIEWS.myItems));
  });

  it('asks only for the resource-specific permissions manifest/README.md justifies', () => {
    const rsc = asArray(asObject(asObject(manifest.authorization).permissions).resourceSpecific).map(asObject);
    const readme = fs.readFileSync(path.join(__dirname, '../../manifest/README.md'), 'utf8');
    expect(rsc.map((p) => p.name)).toEqual(['MeetingStage.Write.Chat', 'OnlineMeeting.ReadBasic.Chat', 'ChannelMeeting.ReadBasic.Group']);
    for (const p of rsc) expect(readme).toMatch(new RegExp(`\\| \`${String(p.name)}\` \\| ${String(p.type)} \\| \\S`));
  });
});

describe('URLs', () => {
  it('are all https, and every URL Teams loads is on one of validDomains (developer links open in a browser)', () => {
    const valid = asArray(manifest.validDomains).map(String);
    expect(valid).toEqual([TEST_ENV.APP_DOMAIN]);
    const urls = urlsIn(manifest).filter((u) => u.where !== '$schema');
    expect(urls.length).toBeGreaterThanOrEqual(5);
    for (const { where, url } of urls) {
      const u = new URL(url);
      expect({ where, protocol: u.protocol }).toEqual({ where, protocol: 'https:' });
      if (!where.startsWith('developer.')) expect({ where, host: u.hostname, valid: onValidDomain(u.hostname, valid) }).toEqual({ where, host: u.hostname, valid: true });
    }
  });

  it('are checked: a tab on another domain is reported', () => {
    const broken = clone(manifest);
    asObject(asArray(broken.staticTabs)[1]).contentUrl = 'https://evil.example.net/tab';
    expect(checkManifest(broken, settings)).toContainEqual(expect.stringMatching(/staticTabs\[1\]\.contentUrl: evil\.example\.net is not in validDomains/));
    expect(onValidDomain('a.example.com', ['*.example.com'])).toBe(true);
    expect(onValidDomain('example.com', ['*.example.com'])).toBe(false);
  });
});

describe('icons', () => {
  it('are a 192×192 opaque colour icon and a 32×32 outline icon', () => {
    const color = readPng(ICON_FILES.color);
    const outline = readPng(ICON_FILES.outline);
    expect([color.width, color.height]).toEqual([ICON_SIZES.color, ICON_SIZES.color]);
    expect([outline.width, outline.height]).toEqual([ICON_SIZES.outline, ICON_SIZES.outline]);
    let notOpaque = 0;
    for (let i = 3; i < color.data.length; i += 4) if (color.data[i] !== 255) notOpaque++;
    expect(notOpaque).toBe(0);
  });

  it('outline: transparent background, and every visible pixel pure white', () => {
    const png = readPng(ICON_FILES.outline);
    const alpha = (x: number, y: number) => png.data[(y * png.width + x) * 4 + 3];
    for (const [x, y] of [
      [0, 0],
      [31, 0],
      [0, 31],
      [31, 31],
    ])
      expect(alpha(x!, y!)).toBe(0);
    let transparent = 0;
    let opaque = 0;
    const coloured: number[] = [];
    for (let i = 0; i < png.data.length; i += 4) {
      const a = png.data[i + 3]!;
      if (a === 0) transparent++;
      if (a === 255) opaque++;
      if (a > 0 && (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255)) coloured.push(i / 4);
    }
    expect(coloured).toEqual([]);
    expect(transparent).toBeGreaterThan((png.width * png.height) / 2);
    expect(opaque).toBeGreaterThan(20);
  });

  it('are what manifest/icons/make-icons.ts draws (the PNGs are regenerated, not hand-edited)', () => {
    expect(PNG.sync.read(fs.readFileSync(ICON_FILES.color)).data.equals(drawColorIcon().data)).toBe(true);
    expect(PNG.sync.read(fs.readFileSync(ICON_FILES.outline)).data.equals(drawOutlineIcon().data)).toBe(true);
  });
});

describe('the package', () => {
  it('contains exactly manifest.json, color.png and outline.png', () => {
    const { zip } = built();
    const files = Object.values(zip.files).map((f) => f.name);
    expect(files.sort()).toEqual([...PACKAGE_FILES].sort());
    expect(Object.values(zip.files).some((f) => f.dir)).toBe(false);
  });

  it('carries the icons checked above, unchanged', async () => {
    const { zip } = built();
    expect((await zip.file('color.png')!.async('nodebuffer')).equals(fs.readFileSync(ICON_FILES.color))).toBe(true);
    expect((await zip.file('outline.png')!.async('nodebuffer')).equals(fs.readFileSync(ICON_FILES.outline))).toBe(true);
  });

  it('is not written when a setting is missing, and says which one', async () => {
    const { TAB_SSO_CLIENT_ID: _gone, ...rest } = TEST_ENV;
    writeEnv('incomplete', rest);
    await expect(createPackage({ env: 'incomplete', envDir, environment: {}, outDir: tmp })).rejects.toThrow(/TAB_SSO_CLIENT_ID: is not set/);
    expect(fs.existsSync(path.join(tmp, 'appPackage.incomplete.zip'))).toBe(false);
  });
});

describe('settings', () => {
  it('take environment variables over the file (how the Agents Toolkit passes what it provisioned)', () => {
    const s = loadSettings('test', { envDir, environment: { APP_DOMAIN: 'quorum.contoso.org', BOT_ID: '' } });
    expect(s.APP_DOMAIN).toBe('quorum.contoso.org');
    expect(s.BOT_ID).toBe(TEST_ENV.BOT_ID);
    expect(s.TAB_SSO_APP_ID_URI).toBe(`api://quorum.contoso.org/${TEST_ENV.TAB_SSO_CLIENT_ID}`);
  });

  it('refuse bad values, unknown keys and unknown environments with the setting named', () => {
    expect(() => loadSettings('test', { envDir, environment: { APP_DOMAIN: 'https://App.Example.org/x' } })).toThrow(/APP_DOMAIN: must be a lower-case host name/);
    expect(() => loadSettings('test', { envDir, environment: { BOT_ID: 'bot' } })).toThrow(/BOT_ID: must be/);
    writeEnv('typo', { ...TEST_ENV, BOTID: 'x' });
    expect(() => loadSettings('typo', { envDir, environment: {} })).toThrow(/unknown setting\(s\) BOTID/);
    expect(() => loadSettings('nope', { envDir, environment: {} })).toThrow(/known environments: .*test/);
    expect(() => loadSettings('../etc', { envDir, environment: {} })).toThrow(/not an environment name/);
  });

  it('the checked-in environments use only known settings and hold no secret', () => {
    const dir = path.join(__dirname, '../../manifest/env');
    for (const file of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      expect(() => loadSettings(file.replace(/\.json$/, ''), { envDir: dir, environment: TEST_ENV })).not.toThrow();
      expect(text).not.toMatch(/secret"|password"|"SECRET_/i);
    }
  });

  it('usage: --env is required', () => {
    expect(parseArgs(['--env', 'dev'])).toEqual({ env: 'dev' });
    expect(parseArgs(['--env=prod'])).toEqual({ env: 'prod' });
    expect(() => parseArgs([])).toThrow(/missing --env/);
    expect(() => parseArgs(['--envv', 'x'])).toThrow(/unknown argument/);
  });
});

describe('the template', () => {
  it('only uses placeholders the settings define', () => {
    expect(() => buildManifest(settings, [])).not.toThrow();
    const template = fs.readFileSync(path.join(__dirname, '../../manifest/manifest.template.json'), 'utf8');
    const names = [...template.matchAll(/\$\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!);
    for (const n of names) expect(Object.keys(settings)).toContain(n);
  });
});
