// The Quorum service: one Node.js process per instance on Linux App Service, running as the
// user-assigned identity. App Service builds it from the uploaded source (Oryx, with the
// custom build command below) and starts `node bot/dist/main.js`; the process listens on PORT.

@description('App Service plan name.')
param planName string

@description('Web app name; its host name is <name>.azurewebsites.net.')
param siteName string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('App Service plan SKU (Basic or above: Always On and VNet integration are not available on Free/Shared).')
param skuName string

@description('Number of instances. The scheduler is safe with several (leases in storage).')
@minValue(1)
@maxValue(10)
param instanceCount int

@description('Runtime stack, e.g. NODE|22-lts.')
param linuxFxVersion string

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity: the bot id and AZURE_CLIENT_ID.')
param identityClientId string

@description('Tenant of the identity: the bot\'s home tenant.')
param identityTenantId string

@description('https://<account>.table.core.windows.net')
param storageAccountUrl string

@description('Table names start with this.')
param storageTablePrefix string

@description('Comma-separated tenant ids whose teams may use Quorum.')
param allowedTenantIds string

@description('Comma-separated <tenant id>:<object id> of the first co-chairs.')
param initialCoChairs string

@description('Client id of the tab\'s Entra app for Teams SSO.')
param tabSsoClientId string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Subnet the app joins (regional VNet integration) to reach storage privately; empty = none.')
param appSubnetId string

@description('Log Analytics workspace receiving the service\'s console and HTTP logs.')
param workspaceId string

@description('pino log level.')
param logLevel string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
    capacity: instanceCount
  }
  properties: {
    reserved: true // Linux
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: siteName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    virtualNetworkSubnetId: empty(appSubnetId) ? null : appSubnetId
    httpsOnly: true
    clientAffinityEnabled: false // any instance can serve any request
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      appCommandLine: 'node bot/dist/main.js'
      alwaysOn: true // the scheduler must keep running between requests
      healthCheckPath: '/healthz' // 200 when storage answers; unhealthy instances are replaced
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      // All outbound traffic, not only traffic to private addresses, goes through the network,
      // so security rules and routes an administrator adds to the subnet apply to all of it.
      vnetRouteAllEnabled: !empty(appSubnetId)
    }
  }
}

// Settings the service reads at start (bot/src/platform/config.ts). No secret: the bot and storage both
// authenticate as the managed identity.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    NODE_ENV: 'production'
    LOG_LEVEL: logLevel
    BOT_ID: identityClientId
    BOT_TYPE: 'UserAssignedMSI'
    BOT_TENANT_ID: identityTenantId
    AZURE_CLIENT_ID: identityClientId
    STORAGE_ACCOUNT_URL: storageAccountUrl
    STORAGE_TABLE_PREFIX: storageTablePrefix
    ALLOWED_TENANT_IDS: allowedTenantIds
    INITIAL_CO_CHAIRS: initialCoChairs
    PUBLIC_BASE_URL: 'https://${site.properties.defaultHostName}'
    TAB_SSO_CLIENT_ID: tabSsoClientId
    TAB_SSO_APP_ID_URI: 'api://${site.properties.defaultHostName}/${tabSsoClientId}'
    APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
    // The component refuses unauthenticated telemetry (DisableLocalAuth): the App Service
    // Application Insights agent reads this and sends as the managed identity. The service has
    // no telemetry SDK of its own today (docs/deploy.md).
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identityClientId}'
    // Build on App Service from the uploaded source. NODE_ENV=production would make a plain
    // `npm ci` skip the compiler, hence --include=dev; dev dependencies are pruned afterwards.
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
    CUSTOM_BUILD_COMMAND: 'npm ci --include=dev --no-audit --no-fund && npm run build && npm prune --omit=dev'
  }
}

// Deployments authenticate with Entra ID only: no FTP or Kudu user name and password.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

// The service logs JSON lines to stdout (pino); keep them, and the HTTP log, in the workspace.
resource siteLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

output id string = site.id
output name string = site.name
output defaultHostName string = site.properties.defaultHostName
