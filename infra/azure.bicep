// Quorum in one resource group: a user-assigned identity (the bot's identity and the tables'
// user), Table storage without keys and closed to the public network, a virtual network through
// which the web app reaches it (private endpoint), a Linux web app running the service, the
// Azure Bot with the Teams channel, and Log Analytics (a year of storage audit logs) +
// Application Insights (Entra ID telemetry only). No secret is created or stored.
// Deployed by the Agents Toolkit (m365agents.yml, arm/deploy) or by hand (docs/deploy.md).

targetScope = 'resourceGroup'

@description('Lower-case letters and digits naming every resource (app-<base>, st<base>…); the web app and storage names must be globally unique.')
@minLength(3)
@maxLength(18)
param resourceBaseName string

@description('Azure region for everything but the bot (which is global).')
param location string = resourceGroup().location

@description('App Service plan SKU: B1 or above (Always On and VNet integration are not available on Free/Shared).')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
])
param appServiceSku string = 'B1'

@description('Web app instances. The scheduler is safe with several.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Node.js runtime (Node 20 left LTS in April 2026).')
@allowed([
  'NODE|22-lts'
  'NODE|24-lts'
  'NODE|20-lts'
])
param nodeRuntime string = 'NODE|22-lts'

@description('Storage redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Disabled (default): storage refuses the public network; the web app reaches it through a private endpoint in a virtual network created here. Enabled: no network is created and storage accepts any network (still Entra ID only) — for a deployment that cannot use a virtual network (docs/deploy.md).')
@allowed([
  'Disabled'
  'Enabled'
])
param storagePublicNetworkAccess string = 'Disabled'

@description('Address space of the virtual network (a /24 or larger) when storage is private; change it if it overlaps a network you peer with.')
param vnetAddressPrefix string = '10.40.0.0/24'

@description('Table names start with this (letters and digits).')
param storageTablePrefix string = 'quorum'

@description('Bot name shown in the Azure portal.')
@maxLength(42)
param botDisplayName string = 'Quorum'

@description('Azure Bot pricing tier; the Teams channel is free on F0.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Comma-separated tenant ids whose teams may use Quorum; empty = this tenant only.')
param allowedTenantIds string = ''

@description('Comma-separated <tenant id>:<Entra object id> of the first co-chairs.')
param initialCoChairs string = ''

@description('Client id of the tab\'s Entra app for Teams SSO (the service requires it in production).')
@minLength(36)
@maxLength(36)
param tabSsoClientId string

@description('Log level of the service.')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
])
param logLevel string = 'info'

@description('Days Log Analytics keeps logs, the storage audit logs included (at least a year).')
@minValue(365)
@maxValue(730)
param logRetentionDays int = 365

@description('Tags for every resource.')
param tags object = {
  app: 'quorum'
}

var base = toLower(resourceBaseName)

module identity 'modules/identity.bicep' = {
  name: 'quorum-identity'
  params: {
    name: 'id-${base}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'quorum-storage'
  params: {
    name: 'st${base}'
    location: location
    tags: tags
    skuName: storageSku
    dataPrincipalId: identity.outputs.principalId
    publicNetworkAccess: storagePublicNetworkAccess
    workspaceId: monitoring.outputs.workspaceId
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'quorum-monitoring'
  params: {
    workspaceName: 'log-${base}'
    appInsightsName: 'appi-${base}'
    location: location
    tags: tags
    retentionInDays: logRetentionDays
    publisherPrincipalId: identity.outputs.principalId
  }
}

module network 'modules/network.bicep' = if (storagePublicNetworkAccess == 'Disabled') {
  name: 'quorum-network'
  params: {
    vnetName: 'vnet-${base}'
    location: location
    tags: tags
    addressPrefix: vnetAddressPrefix
    storageAccountId: storage.outputs.id
    storageAccountName: 'st${base}'
  }
}

module web 'modules/webapp.bicep' = {
  name: 'quorum-web'
  params: {
    planName: 'asp-${base}'
    siteName: 'app-${base}'
    location: location
    tags: tags
    skuName: appServiceSku
    instanceCount: instanceCount
    linuxFxVersion: nodeRuntime
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    identityTenantId: identity.outputs.tenantId
    storageAccountUrl: storage.outputs.tableEndpoint
    storageTablePrefix: storageTablePrefix
    allowedTenantIds: empty(allowedTenantIds) ? identity.outputs.tenantId : allowedTenantIds
    initialCoChairs: initialCoChairs
    tabSsoClientId: tabSsoClientId
    appInsightsConnectionString: monitoring.outputs.connectionString
    workspaceId: monitoring.outputs.workspaceId
    appSubnetId: storagePublicNetworkAccess == 'Disabled' ? network.outputs.appSubnetId : ''
    logLevel: logLevel
  }
}

module bot 'modules/bot.bicep' = {
  name: 'quorum-bot'
  params: {
    name: 'bot-${base}'
    displayName: botDisplayName
    tags: tags
    appDomain: web.outputs.defaultHostName
    identityResourceId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    identityTenantId: identity.outputs.tenantId
    sku: botSku
  }
}

// Written to the Toolkit's env/.env.<env> by arm/deploy; m365agents.yml and the manifest use them.
output AZURE_APP_SERVICE_RESOURCE_ID string = web.outputs.id
output APP_DOMAIN string = web.outputs.defaultHostName
output APP_ENDPOINT string = 'https://${web.outputs.defaultHostName}'
output BOT_ID string = identity.outputs.clientId
output BOT_TENANT_ID string = identity.outputs.tenantId
output AZURE_BOT_RESOURCE_ID string = bot.outputs.id
output STORAGE_ACCOUNT_URL string = storage.outputs.tableEndpoint
