import fs from 'node:fs';
import path from 'node:path';
import Parser from 'tree-sitter';
import Bicep from 'tree-sitter-bicep';
import { parseConfig } from '../../bot/src/platform/config';
import { TEAMS_CLIENT_APP_IDS } from '../../bot/src/platform/http/tab-api/teams-clients';

/**
 * No Bicep compiler can be installed here, so the templates are parsed (tree-sitter-bicep) and
 * checked for what a compiler and a reviewer would catch: syntax, unused parameters, module
 * wiring, the outputs and parameters the Toolkit files rely on, and the security settings.
 */

type Node = Parser.SyntaxNode;
const INFRA = path.join(__dirname, '../../infra');
const ROOT = path.join(__dirname, '../..');
const parser = new Parser();
parser.setLanguage(Bicep as unknown as Parser.Language);

const read = (file: string) => fs.readFileSync(path.join(INFRA, file), 'utf8');
const bicepFiles = (dir = INFRA): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? bicepFiles(path.join(dir, e.name)) : e.name.endsWith('.bicep') ? [path.relative(INFRA, path.join(dir, e.name))] : []));
const trees = new Map(bicepFiles().map((f) => [f, parser.parse(read(f)).rootNode]));
const tree = (file: string) => trees.get(file) ?? fail(`no ${file}`);
function fail(message: string): never {
  throw new Error(message);
}

// ---- Bicep syntax helpers ----
const named = (n: Node) => n.namedChildren.filter((c) => c.type !== 'comment');
const declarations = (root: Node, type: string) => named(root).filter((n) => n.type === type);
const nameOf = (decl: Node) => named(decl)[0]?.text ?? '';
const unquote = (text: string) => text.replace(/^'(.*)'$/s, '$1');
const hasDefault = (param: Node) => named(param).length >= 3;
const decoratorsOf = (decl: Node) => (decl.previousNamedSibling?.type === 'decorators' ? decl.previousNamedSibling.text : '');

function walk(n: Node, visit: (n: Node) => void): void {
  visit(n);
  for (const c of n.children) walk(c, visit);
}

/** The value node of `key` in an object node, following a dotted path. */
function prop(obj: Node | undefined, dotted: string): Node | undefined {
  let current = obj;
  for (const key of dotted.split('.')) {
    const p = current && named(current).find((c) => c.type === 'object_property' && unquote(named(c)[0]?.text ?? '') === key);
    current = p ? named(p)[1] : undefined;
  }
  return current;
}
const text = (obj: Node | undefined, dotted: string) => prop(obj, dotted)?.text;
const keysOf = (obj: Node | undefined) =>
  obj
    ? named(obj)
        .filter((c) => c.type === 'object_property')
        .map((c) => unquote(named(c)[0]!.text))
    : [];

/** The body of a resource or module declaration, also when it is deployed `if (…)`. */
function bodyOf(decl: Node): Node | undefined {
  const conditional = named(decl).find((c) => c.type === 'if_statement');
  return named(conditional ?? decl)
    .filter((c) => c.type === 'object')
    .pop();
}
/** The condition of `= if (…) {…}`, without its parentheses; undefined when unconditional. */
function conditionOf(decl: Node): string | undefined {
  const conditional = named(decl).find((c) => c.type === 'if_statement');
  return conditional && named(conditional)[0]?.text.replace(/^\((.*)\)$/s, '$1');
}

/** A resource's body by its type (without the API version); exactly one expected. */
function resource(file: string, type: string): { body: Node; apiVersion: string; name: string; condition: string | undefined } {
  const found = declarations(tree(file), 'resource_declaration').filter((r) => unquote(named(r)[1]!.text).split('@')[0] === type);
  if (found.length !== 1) fail(`${file}: expected one ${type}, found ${found.length}`);
  const r = found[0]!;
  return { body: bodyOf(r) ?? fail(`${type} has no body`), apiVersion: unquote(named(r)[1]!.text).split('@')[1] ?? '', name: nameOf(r), condition: conditionOf(r) };
}

const params = (file: string) => declarations(tree(file), 'parameter_declaration');
const outputs = (file: string) => declarations(tree(file), 'output_declaration').map(nameOf);
const modules = (file: string) =>
  declarations(tree(file), 'module_declaration').map((m) => ({ name: nameOf(m), path: path.join(path.dirname(file), unquote(named(m)[1]!.text)), body: bodyOf(m), condition: conditionOf(m) }));
const moduleParams = (name: string) => prop(modules('azure.bicep').find((m) => m.name === name)?.body, 'params');
const param = (file: string, name: string) => params(file).find((p) => nameOf(p) === name);
const defaultOf = (p: Node | undefined) => (p && hasDefault(p) ? named(p)[2]!.text : undefined);

// ---- Toolkit project helpers (line-based: the files are small and flat) ----
interface Step {
  uses: string;
  block: string;
  lifecycle: string;
}
function steps(ymlFile: string): Step[] {
  const result: Step[] = [];
  let lifecycle = '';
  let current: Step | undefined;
  for (const line of read(ymlFile).split('\n')) {
    const top = /^([a-zA-Z]+):/.exec(line);
    if (top) {
      lifecycle = top[1]!;
      current = undefined;
      continue;
    }
    const start = /^\s*- uses:\s*(\S+)/.exec(line);
    if (start) result.push((current = { uses: start[1]!, block: '', lifecycle }));
    if (current && !line.trimStart().startsWith('#')) current.block += `${line}\n`;
  }
  return result;
}
const refs = (s: string) => [...s.matchAll(/\$\{\{\s*([A-Z][A-Z0-9_]*)\s*\}\}/g)].map((m) => m[1]!);
const withValue = (step: Step, key: string) => new RegExp(`^\\s*-?\\s*${key}:\\s*(.+)$`, 'm').exec(step.block)?.[1]?.trim();
/** Variables a step writes: writeToEnvironmentFile values (and the scope id aadApp/update generates). */
function writes(step: Step): string[] {
  const section = /writeToEnvironmentFile:\n((?:\s{6,}\w+:\s*\S+\n)+)/.exec(step.block)?.[1] ?? '';
  const vars = [...section.matchAll(/:\s*([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!);
  return step.uses === 'aadApp/update' ? [...vars, 'AAD_APP_ACCESS_AS_USER_PERMISSION_ID'] : vars;
}
const envKeys = (env: string) => [...read(`env/.env.${env}`).matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);

// Every action the Toolkit's yml schema v1.11 defines (packages/fx-core/resource/yaml-schema/v1.11).
const TOOLKIT_ACTIONS = new Set([
  'aadApp/create',
  'aadApp/update',
  'arm/deploy',
  'azureStorage/enableStaticWebsite',
  'cli/runNpmCommand',
  'cli/runDotnetCommand',
  'cli/runNpxCommand',
  'azureStorage/deploy',
  'azureAppService/zipDeploy',
  'azureFunctions/zipDeploy',
  'teamsApp/create',
  'teamsApp/validateManifest',
  'teamsApp/validateAppPackage',
  'teamsApp/validateWithTestCases',
  'teamsApp/zipAppPackage',
  'teamsApp/update',
  'teamsApp/publishAppPackage',
  'botAadApp/create',
  'botFramework/create',
  'file/createOrUpdateEnvironmentFile',
  'file/createOrUpdateJsonFile',
  'devTool/install',
  'teamsApp/extendToM365',
  'spfx/deploy',
  'teamsApp/copyAppPackageToSPFx',
  'script',
]);

describe('Bicep templates', () => {
  it('are all parsed, with no syntax error', () => {
    expect([...trees.keys()].sort()).toEqual([
      'azure.bicep',
      'modules/bot.bicep',
      'modules/identity.bicep',
      'modules/monitoring.bicep',
      'modules/network.bicep',
      'modules/storage.bicep',
      'modules/webapp.bicep',
    ]);
    for (const [file, root] of trees) {
      const errors: string[] = [];
      walk(root, (n) => {
        if (n.type === 'ERROR' || n.isMissing) errors.push(`${file}:${n.startPosition.row + 1}: ${n.isMissing ? 'missing' : 'unexpected'} "${n.text.slice(0, 40)}"`);
      });
      expect(errors).toEqual([]);
    }
  });

  it.each([...trees.keys()])('%s: every parameter is used', (file) => {
    const used = new Set<string>();
    walk(tree(file), (n) => {
      const isKey = n.parent?.type === 'object_property' && named(n.parent)[0]?.id === n.id;
      const isDeclaredName = (n.parent?.type === 'parameter_declaration' || n.parent?.type === 'output_declaration') && named(n.parent)[0]?.id === n.id;
      if (n.type === 'identifier' && !isKey && !isDeclaredName) used.add(n.text);
    });
    expect(
      params(file)
        .map(nameOf)
        .filter((p) => !used.has(p)),
    ).toEqual([]);
  });

  it.each([...trees.keys()])('%s: no secure parameter, no key listing (nothing secret exists)', (file) => {
    expect(params(file).filter((p) => decoratorsOf(p).includes('@secure'))).toEqual([]);
    expect(read(file)).not.toMatch(/\blist(Keys|AccountSas|ServiceSas|ConnectionStrings)\s*\(/);
  });

  it('modules exist, get only parameters they declare, and every parameter they require', () => {
    for (const file of trees.keys()) {
      for (const m of modules(file)) {
        expect(trees.has(m.path)).toBe(true);
        const declared = params(m.path);
        const passed = keysOf(prop(m.body, 'params'));
        expect({ module: m.name, unknown: passed.filter((p) => !declared.map(nameOf).includes(p)) }).toEqual({ module: m.name, unknown: [] });
        expect({
          module: m.name,
          missing: declared
            .filter((p) => !hasDefault(p))
            .map(nameOf)
            .filter((p) => !passed.includes(p)),
        }).toEqual({ module: m.name, missing: [] });
        // a module output used by azure.bicep exists in that module
        for (const [, output] of read(file).matchAll(new RegExp(`\\b${m.name}\\.outputs\\.(\\w+)`, 'g'))) expect(outputs(m.path)).toContain(output);
      }
    }
  });

  it('use dated API versions', () => {
    for (const file of trees.keys()) {
      for (const r of declarations(tree(file), 'resource_declaration')) expect(unquote(named(r)[1]!.text)).toMatch(/^[\w.]+\/[\w/]+@\d{4}-\d{2}-\d{2}(-preview)?$/);
    }
  });
});

describe('security settings', () => {
  it('storage: TLS 1.2, HTTPS only, no public blobs, no shared keys (so no connection string can work)', () => {
    const { body } = resource('modules/storage.bicep', 'Microsoft.Storage/storageAccounts');
    expect(text(body, 'properties.minimumTlsVersion')).toBe("'TLS1_2'");
    expect(text(body, 'properties.supportsHttpsTrafficOnly')).toBe('true');
    expect(text(body, 'properties.allowBlobPublicAccess')).toBe('false');
    expect(text(body, 'properties.allowSharedKeyAccess')).toBe('false');
  });

  it('the identity gets "Storage Table Data Contributor" on the account, as a service principal', () => {
    const { body } = resource('modules/storage.bicep', 'Microsoft.Authorization/roleAssignments');
    expect(read('modules/storage.bicep')).toMatch(/var tableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'/);
    expect(text(body, 'properties.roleDefinitionId')).toBe("subscriptionResourceId('Microsoft.Authorization/roleDefinitions', tableDataContributorRoleId)");
    expect(text(body, 'scope')).toBe('storage');
    expect(text(body, 'properties.principalId')).toBe('dataPrincipalId');
    expect(text(body, 'properties.principalType')).toBe("'ServicePrincipal'");
    expect(text(prop(modules('azure.bicep').find((m) => m.name === 'storage')?.body, 'params'), 'dataPrincipalId')).toBe('identity.outputs.principalId');
  });

  it('App Service plan: Linux, instance count from a parameter', () => {
    const { body } = resource('modules/webapp.bicep', 'Microsoft.Web/serverfarms');
    expect(text(body, 'kind')).toBe("'linux'");
    expect(text(body, 'properties.reserved')).toBe('true');
    expect(text(body, 'sku.capacity')).toBe('instanceCount');
    expect(text(prop(modules('azure.bicep').find((m) => m.name === 'web')?.body, 'params'), 'instanceCount')).toBe('instanceCount');
  });

  it('web app: Node LTS on Linux, HTTPS only, FTPS off, always on, health check, TLS 1.2, the identity, the start command', () => {
    const { body } = resource('modules/webapp.bicep', 'Microsoft.Web/sites');
    expect(text(body, 'properties.httpsOnly')).toBe('true');
    expect(text(body, 'properties.siteConfig.ftpsState')).toBe("'Disabled'");
    expect(text(body, 'properties.siteConfig.alwaysOn')).toBe('true');
    expect(text(body, 'properties.siteConfig.healthCheckPath')).toBe("'/healthz'");
    expect(text(body, 'properties.siteConfig.minTlsVersion')).toBe("'1.2'");
    expect(text(body, 'properties.siteConfig.appCommandLine')).toBe("'node bot/dist/main.js'");
    expect(text(body, 'properties.siteConfig.linuxFxVersion')).toBe('linuxFxVersion');
    expect(keysOf(prop(body, 'properties.siteConfig'))).not.toContain('connectionStrings');
    expect(text(body, 'identity.type')).toBe("'UserAssigned'");
    const runtimes = /param nodeRuntime string = '([^']+)'/.exec(read('azure.bicep'))?.[1];
    expect(runtimes).toMatch(/^NODE\|(20|22|24)-lts$/);
    for (const policy of ['ftp', 'scm']) expect(read('modules/webapp.bicep')).toMatch(new RegExp(`name: '${policy}'\\n  properties: \\{\\n    allow: false`));
  });

  it('Azure Bot: the managed identity (UserAssignedMSI), the Teams channel, https://<app>/api/messages', () => {
    const { body } = resource('modules/bot.bicep', 'Microsoft.BotService/botServices');
    expect(text(body, 'properties.msaAppType')).toBe("'UserAssignedMSI'");
    expect(text(body, 'properties.msaAppId')).toBe('identityClientId');
    expect(text(body, 'properties.msaAppMSIResourceId')).toBe('identityResourceId');
    expect(text(body, 'properties.msaAppTenantId')).toBe('identityTenantId');
    expect(text(body, 'properties.endpoint')).toBe("'https://${appDomain}/api/messages'");
    const channel = resource('modules/bot.bicep', 'Microsoft.BotService/botServices/channels').body;
    expect([text(channel, 'name'), text(channel, 'properties.channelName')]).toEqual(["'MsTeamsChannel'", "'MsTeamsChannel'"]);
    const params = prop(modules('azure.bicep').find((m) => m.name === 'bot')?.body, 'params');
    expect(text(params, 'appDomain')).toBe('web.outputs.defaultHostName');
  });

  it('Application Insights is workspace-based and wired to the app', () => {
    const { body } = resource('modules/monitoring.bicep', 'Microsoft.Insights/components');
    expect(text(body, 'properties.WorkspaceResourceId')).toBe('workspace.id');
    const web = prop(modules('azure.bicep').find((m) => m.name === 'web')?.body, 'params');
    expect(text(web, 'appInsightsConnectionString')).toBe('monitoring.outputs.connectionString');
    expect(text(web, 'workspaceId')).toBe('monitoring.outputs.workspaceId');
    expect(text(resource('modules/webapp.bicep', 'Microsoft.Insights/diagnosticSettings').body, 'properties.workspaceId')).toBe('workspaceId');
  });
});

// Issue 12 §8: what an outside review asked of the infrastructure, checked on the templates.
describe('storage reachable only from the app', () => {
  const parameterFile = JSON.parse(read('azure.parameters.json')) as { parameters: Record<string, { value: unknown } | undefined> };

  it('public network access is off unless the deployment opens it with one parameter (storagePublicNetworkAccess)', () => {
    const switchParam = param('azure.bicep', 'storagePublicNetworkAccess');
    expect(defaultOf(switchParam)).toBe("'Disabled'");
    expect(switchParam && decoratorsOf(switchParam).replace(/\s+/g, ' ')).toContain("@allowed([ 'Disabled' 'Enabled' ])");
    expect(parameterFile.parameters.storagePublicNetworkAccess?.value ?? 'Disabled').toBe('Disabled');
    expect(text(moduleParams('storage'), 'publicNetworkAccess')).toBe('storagePublicNetworkAccess');
    const { body } = resource('modules/storage.bicep', 'Microsoft.Storage/storageAccounts');
    expect(text(body, 'properties.publicNetworkAccess')).toBe('publicNetworkAccess');
    // closed: nothing passes the firewall, not even "trusted" Azure services
    expect(text(body, 'properties.networkAcls.defaultAction')).toBe("publicNetworkAccess == 'Disabled' ? 'Deny' : 'Allow'");
    expect(text(body, 'properties.networkAcls.bypass')).toBe("'None'");
    expect(fs.readFileSync(path.join(ROOT, 'docs/deploy.md'), 'utf8')).toMatch(/storagePublicNetworkAccess=Enabled/);
  });

  it('the network exists exactly when storage is closed, and gets the storage account to reach', () => {
    const network = modules('azure.bicep').find((m) => m.name === 'network');
    expect(network?.path).toBe('modules/network.bicep');
    expect(network?.condition).toBe("storagePublicNetworkAccess == 'Disabled'");
    expect(text(moduleParams('network'), 'storageAccountId')).toBe('storage.outputs.id');
    expect(outputs('modules/storage.bicep')).toContain('id');
  });

  it('a private endpoint for the table service, in its own subnet, with the privatelink.table zone linked to the network', () => {
    const endpoint = resource('modules/network.bicep', 'Microsoft.Network/privateEndpoints').body;
    const connection = named(prop(endpoint, 'properties.privateLinkServiceConnections')!).find((c) => c.type === 'object');
    expect(text(connection, 'properties.privateLinkServiceId')).toBe('storageAccountId');
    expect(prop(connection, 'properties.groupIds')?.text.replace(/\s+/g, ' ')).toBe("[ 'table' ]");
    expect(text(endpoint, 'properties.subnet.id')).toBe("'${vnet.id}/subnets/${endpointSubnetName}'");

    const zone = resource('modules/network.bicep', 'Microsoft.Network/privateDnsZones');
    expect(text(zone.body, 'name')).toBe("'privatelink.table.${environment().suffixes.storage}'");
    const link = resource('modules/network.bicep', 'Microsoft.Network/privateDnsZones/virtualNetworkLinks').body;
    expect(text(link, 'parent')).toBe(zone.name);
    expect(text(link, 'properties.virtualNetwork.id')).toBe('vnet.id');
    const group = resource('modules/network.bicep', 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups').body;
    expect(text(group, 'parent')).toBe('tableEndpoint');
    const config = named(prop(group, 'properties.privateDnsZoneConfigs')!).find((c) => c.type === 'object');
    expect(text(config, 'properties.privateDnsZoneId')).toBe(`${zone.name}.id`);
  });

  it('the web app joins the network (delegated subnet, all outbound traffic through it) on a plan that can (Basic or above)', () => {
    const subnets = named(prop(resource('modules/network.bicep', 'Microsoft.Network/virtualNetworks').body, 'properties.subnets')!).filter((c) => c.type === 'object');
    const appSubnet = subnets.find((s) => text(s, 'name') === 'appSubnetName');
    expect(appSubnet && named(prop(appSubnet, 'properties.delegations')!).map((d) => text(d, 'properties.serviceName'))).toEqual(["'Microsoft.Web/serverFarms'"]);
    expect(read('modules/network.bicep')).toMatch(/^output appSubnetId string = '\$\{vnet\.id\}\/subnets\/\$\{appSubnetName\}'$/m);
    expect(text(moduleParams('web'), 'appSubnetId')).toBe("storagePublicNetworkAccess == 'Disabled' ? network.outputs.appSubnetId : ''");
    const { body } = resource('modules/webapp.bicep', 'Microsoft.Web/sites');
    expect(text(body, 'properties.virtualNetworkSubnetId')).toBe('empty(appSubnetId) ? null : appSubnetId');
    expect(text(body, 'properties.siteConfig.vnetRouteAllEnabled')).toBe('!empty(appSubnetId)');
    // regional VNet integration needs Basic or above: no Free (F1) or Shared (D1) plan is offered
    const allowed = /@allowed\(\[([^\]]*)\]\)/.exec(decoratorsOf(param('azure.bicep', 'appServiceSku')!))?.[1] ?? '';
    const skus = [...allowed.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
    expect(skus.length).toBeGreaterThan(0);
    expect(skus.filter((s) => !/^(B\d|S\d|P\d+v\d)$/.test(s))).toEqual([]);
  });
});

describe('storage audit trail and deletion lock', () => {
  it('table-service reads, writes and deletes are logged to the Log Analytics workspace', () => {
    const tableService = resource('modules/storage.bicep', 'Microsoft.Storage/storageAccounts/tableServices');
    expect([text(tableService.body, 'parent'), text(tableService.body, 'name')]).toEqual(['storage', "'default'"]);
    const { body } = resource('modules/storage.bicep', 'Microsoft.Insights/diagnosticSettings');
    expect(text(body, 'scope')).toBe(tableService.name);
    expect(text(body, 'properties.workspaceId')).toBe('workspaceId');
    const logs = named(prop(body, 'properties.logs')!).filter((c) => c.type === 'object');
    const enabled = logs.filter((l) => text(l, 'enabled') === 'true').map((l) => unquote(text(l, 'category') ?? ''));
    expect(enabled).toEqual(expect.arrayContaining(['StorageRead', 'StorageWrite', 'StorageDelete']));
    expect(text(moduleParams('storage'), 'workspaceId')).toBe('monitoring.outputs.workspaceId');
  });

  it('logs are kept at least 365 days (workspace retention, and no way to deploy less)', () => {
    for (const [file, name] of [
      ['azure.bicep', 'logRetentionDays'],
      ['modules/monitoring.bicep', 'retentionInDays'],
    ] as const) {
      const p = param(file, name);
      const min = Number(/@minValue\((\d+)\)/.exec(p ? decoratorsOf(p) : '')?.[1]);
      expect({ file, min: min >= 365 }).toEqual({ file, min: true });
    }
    expect(Number(defaultOf(param('azure.bicep', 'logRetentionDays')))).toBeGreaterThanOrEqual(365);
    expect(text(moduleParams('monitoring'), 'retentionInDays')).toBe('logRetentionDays');
    expect(text(resource('modules/monitoring.bicep', 'Microsoft.OperationalInsights/workspaces').body, 'properties.retentionInDays')).toBe('retentionInDays');
  });

  it('the storage account carries a CanNotDelete lock', () => {
    const { body, condition } = resource('modules/storage.bicep', 'Microsoft.Authorization/locks');
    expect(condition).toBeUndefined();
    expect(text(body, 'scope')).toBe('storage');
    expect(text(body, 'properties.level')).toBe("'CanNotDelete'");
  });
});

describe('Application Insights takes only Entra-authenticated telemetry', () => {
  const MONITORING_METRICS_PUBLISHER = '3913510d-42f4-4e42-8a64-420c390055eb';

  it('local (instrumentation key) authentication is disabled on the component', () => {
    expect(text(resource('modules/monitoring.bicep', 'Microsoft.Insights/components').body, 'properties.DisableLocalAuth')).toBe('true');
  });

  it('the managed identity may publish telemetry to it ("Monitoring Metrics Publisher" on the component)', () => {
    const { body } = resource('modules/monitoring.bicep', 'Microsoft.Authorization/roleAssignments');
    expect(read('modules/monitoring.bicep')).toMatch(new RegExp(`var monitoringMetricsPublisherRoleId = '${MONITORING_METRICS_PUBLISHER}'`));
    expect(text(body, 'scope')).toBe('appInsights');
    expect(text(body, 'properties.roleDefinitionId')).toBe("subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)");
    expect(text(body, 'properties.principalId')).toBe('publisherPrincipalId');
    expect(text(body, 'properties.principalType')).toBe("'ServicePrincipal'");
    expect(text(moduleParams('monitoring'), 'publisherPrincipalId')).toBe('identity.outputs.principalId');
  });

  it('the app tells the Application Insights agent and SDK to authenticate as that identity', () => {
    const settings = prop(resource('modules/webapp.bicep', 'Microsoft.Web/sites/config').body, 'properties');
    expect(text(settings, 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING')).toBe("'Authorization=AAD;ClientId=${identityClientId}'");
  });
});

describe('app settings', () => {
  const settings = prop(resource('modules/webapp.bicep', 'Microsoft.Web/sites/config').body, 'properties');
  const configSource = fs.readFileSync(path.join(ROOT, 'bot/src/platform/config.ts'), 'utf8');

  it('are what the service reads, for production with the managed identity', () => {
    const pick = ['NODE_ENV', 'BOT_TYPE', 'BOT_ID', 'AZURE_CLIENT_ID', 'BOT_TENANT_ID', 'STORAGE_ACCOUNT_URL', 'TAB_SSO_CLIENT_ID', 'TAB_SSO_APP_ID_URI'];
    expect(Object.fromEntries(pick.map((k) => [k, text(settings, k)]))).toEqual({
      NODE_ENV: "'production'",
      BOT_TYPE: "'UserAssignedMSI'",
      BOT_ID: 'identityClientId',
      AZURE_CLIENT_ID: 'identityClientId',
      BOT_TENANT_ID: 'identityTenantId',
      STORAGE_ACCOUNT_URL: 'storageAccountUrl',
      TAB_SSO_CLIENT_ID: 'tabSsoClientId',
      TAB_SSO_APP_ID_URI: "'api://${site.properties.defaultHostName}/${tabSsoClientId}'",
    });
    for (const key of ['ALLOWED_TENANT_IDS', 'INITIAL_CO_CHAIRS', 'APPLICATIONINSIGHTS_CONNECTION_STRING', 'LOG_LEVEL', 'STORAGE_TABLE_PREFIX']) expect(keysOf(settings)).toContain(key);
    // every service setting is one bot/src/platform/config.ts knows (those read by @azure/identity, App Insights and App Service aside)
    const elsewhere = ['APPLICATIONINSIGHTS_CONNECTION_STRING', 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', 'AZURE_CLIENT_ID', 'SCM_DO_BUILD_DURING_DEPLOYMENT', 'CUSTOM_BUILD_COMMAND'];
    for (const key of keysOf(settings).filter((k) => !elsewhere.includes(k))) expect(configSource).toMatch(new RegExp(`\\b${key}:`));
  });

  it("start the service: with sample values for the parameters, the service's own config parser accepts them", () => {
    const samples: Record<string, string> = {
      identityClientId: '11111111-1111-4111-8111-111111111111',
      identityTenantId: '22222222-2222-4222-8222-222222222222',
      storageAccountUrl: 'https://stquorum.table.core.windows.net',
      storageTablePrefix: 'quorum',
      allowedTenantIds: '22222222-2222-4222-8222-222222222222',
      initialCoChairs: '22222222-2222-4222-8222-222222222222:33333333-3333-4333-8333-333333333333',
      tabSsoClientId: '44444444-4444-4444-8444-444444444444',
      appInsightsConnectionString: 'InstrumentationKey=00000000-0000-0000-0000-000000000000',
      logLevel: 'info',
      'site.properties.defaultHostName': 'app-quorum.azurewebsites.net',
    };
    const evaluate = (n: Node): string => {
      if (n.type === 'string') return unquote(n.text).replace(/\$\{([^}]+)\}/g, (_m, e: string) => samples[e] ?? fail(`no sample for ${e}`));
      return samples[n.text] ?? fail(`cannot evaluate ${n.text}`);
    };
    const env = Object.fromEntries(
      named(settings!)
        .filter((c) => c.type === 'object_property')
        .map((c) => [unquote(named(c)[0]!.text), evaluate(named(c)[1]!)]),
    );
    const config = parseConfig({ ...env, PORT: '8080' }); // App Service sets PORT
    expect(config.env).toBe('production');
    expect(config.bot).toMatchObject({ appId: samples.identityClientId, appType: 'UserAssignedMSI', tenantId: samples.identityTenantId });
    expect(config.bot?.password).toBeUndefined();
    expect(config.storage).toEqual({ kind: 'account-url', accountUrl: samples.storageAccountUrl, tablePrefix: 'quorum' });
    expect(config.host).toBe('0.0.0.0');
  });

  it("hold no secret: no key, password, secret or connection string (App Insights' connection string only locates telemetry)", () => {
    const secretLike = /password|secret|key|connectionstring|sas|token/i;
    expect(keysOf(settings).filter((k) => secretLike.test(k.replace(/_/g, '')) && k !== 'APPLICATIONINSIGHTS_CONNECTION_STRING')).toEqual([]);
    expect(settings!.text).not.toMatch(/AccountKey=|SharedAccessSignature|DefaultEndpointsProtocol|listKeys|InstrumentationKey=/);
    expect(text(settings, 'APPLICATIONINSIGHTS_CONNECTION_STRING')).toBe('appInsightsConnectionString');
  });
});

describe('Agents Toolkit project', () => {
  const mainOutputs = outputs('azure.bicep');
  const declaredParams = params('azure.bicep');
  const parameterFile = JSON.parse(read('azure.parameters.json')) as { parameters: Record<string, unknown> };

  it('azure.parameters.json sets only declared parameters, and every required one', () => {
    const set = Object.keys(parameterFile.parameters);
    expect(set.filter((p) => !declaredParams.map(nameOf).includes(p))).toEqual([]);
    expect(
      declaredParams
        .filter((p) => !hasDefault(p))
        .map(nameOf)
        .filter((p) => !set.includes(p)),
    ).toEqual([]);
  });

  it('exposes the outputs the project files use', () => {
    expect(mainOutputs).toEqual(expect.arrayContaining(['AZURE_APP_SERVICE_RESOURCE_ID', 'APP_DOMAIN', 'BOT_ID']));
  });

  it.each([
    ['m365agents.yml', 'dev'],
    ['m365agents.local.yml', 'local'],
  ])('%s: known actions, and every ${{VAR}} exists when its step runs', (yml, env) => {
    expect(read(yml)).toMatch(/^version: v1\.11$/m);
    const all = steps(yml);
    expect(all.map((s) => s.uses).filter((u) => !TOOLKIT_ACTIONS.has(u))).toEqual([]);
    const provisioned = new Set(envKeys(env));
    const unresolved: string[] = [];
    for (const lifecycle of ['provision', 'deploy', 'publish']) {
      const known = lifecycle === 'provision' ? new Set(envKeys(env)) : new Set(provisioned);
      for (const step of all.filter((s) => s.lifecycle === lifecycle)) {
        const used = refs(step.block);
        if (step.uses === 'arm/deploy') used.push(...refs(read('azure.parameters.json')));
        if (step.uses === 'aadApp/update') used.push(...refs(read(withValue(step, 'manifestPath')!)).filter((v) => v !== 'AAD_APP_ACCESS_AS_USER_PERMISSION_ID'));
        for (const v of used) if (!known.has(v) && !writes(step).includes(v)) unresolved.push(`${lifecycle}/${step.uses}: ${v}`);
        const produced = [...writes(step), ...(step.uses === 'arm/deploy' ? mainOutputs : [])];
        for (const v of produced) {
          known.add(v);
          if (lifecycle === 'provision') provisioned.add(v);
        }
      }
    }
    expect(unresolved).toEqual([]);
  });

  it.each(['m365agents.yml', 'm365agents.local.yml'])('%s: the files and npm scripts it names exist', (yml) => {
    const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const step of steps(yml)) {
      const dir = path.join(INFRA, withValue(step, 'workingDirectory') ?? '.');
      for (const key of ['path', 'parameters', 'manifestPath', 'ignoreFile']) {
        const file = withValue(step, key);
        if (file) expect({ step: step.uses, file, exists: fs.existsSync(path.join(key === 'ignoreFile' ? dir : INFRA, file)) }).toEqual({ step: step.uses, file, exists: true });
      }
      const script = /args:\s*run (\S+)/.exec(step.block)?.[1];
      if (script) expect(Object.keys(scripts)).toContain(script);
      const pkg = withValue(step, 'appPackagePath');
      if (pkg) expect(path.resolve(INFRA, pkg.replace('${{TEAMSFX_ENV}}', 'dev'))).toBe(path.join(ROOT, 'appPackage.dev.zip'));
    }
  });

  it('commits no secret: env files hold no SECRET_ value, the SSO app no client secret', () => {
    for (const env of ['dev', 'local']) expect(read(`env/.env.${env}`)).not.toMatch(/^SECRET_\w*=\S|password=\S|secret=\S/im);
    const sso = steps('m365agents.yml').find((s) => s.uses === 'aadApp/create');
    expect(withValue(sso!, 'generateClientSecret')).toBe('false');
    expect(read('aad.manifest.json')).not.toMatch(/passwordCredentials|keyCredentials/);
  });

  it('the SSO app exposes access_as_user at api://<APP_DOMAIN>/<client id> to the Teams and Microsoft 365 clients', () => {
    const aad = JSON.parse(read('aad.manifest.json')) as { identifierUris: string[]; api: { oauth2PermissionScopes: { value: string }[]; preAuthorizedApplications: { appId: string }[] } };
    expect(aad.identifierUris).toEqual(['api://${{APP_DOMAIN}}/${{AAD_APP_CLIENT_ID}}']);
    expect(aad.api.oauth2PermissionScopes.map((s) => s.value)).toEqual(['access_as_user']);
    expect(aad.api.preAuthorizedApplications.map((a) => a.appId)).toEqual(expect.arrayContaining(['1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346']));
  });

  it('the tab API accepts tokens from exactly the client apps the SSO app pre-authorises', () => {
    const aad = JSON.parse(read('aad.manifest.json')) as { api: { requestedAccessTokenVersion: number; preAuthorizedApplications: { appId: string }[] } };
    expect([...TEAMS_CLIENT_APP_IDS].sort()).toEqual(aad.api.preAuthorizedApplications.map((a) => a.appId.toLowerCase()).sort());
    // The validator accepts v2.0 tokens only; the registration must keep asking for them.
    expect(aad.api.requestedAccessTokenVersion).toBe(2);
  });
});
