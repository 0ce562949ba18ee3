// Azure Table storage for everything Quorum keeps. Entra ID only: shared keys (and so
// connection strings and SAS tokens) are disabled, and the app's identity gets exactly
// "Storage Table Data Contributor" on this account. Closed to the public network unless the
// deployment opens it (the app then comes through the private endpoint of network.bicep);
// every read, write and delete on the tables is logged to Log Analytics; a lock stops the
// account (and all data with it) from being deleted by a single mistaken or hostile call.

@description('Storage account name: 3 to 24 lower-case letters and digits, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Redundancy of the account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param skuName string

@description('Object (principal) id of the identity that reads and writes the tables.')
param dataPrincipalId string

@description('Disabled: reachable only through private endpoints. Enabled: from any network (still Entra ID only).')
@allowed([
  'Disabled'
  'Enabled'
])
param publicNetworkAccess string

@description('Log Analytics workspace receiving the table service\'s request logs.')
param workspaceId string

// Built-in role "Storage Table Data Contributor": read, write and delete tables and entities.
var tableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    accessTier: 'Hot'
    publicNetworkAccess: publicNetworkAccess
    // Also deny at the firewall, so that turning public access back on by hand does not open
    // the account to every network; no exception for "trusted Azure services" either.
    networkAcls: {
      defaultAction: publicNetworkAccess == 'Disabled' ? 'Deny' : 'Allow'
      bypass: 'None'
    }
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// Who read, wrote or deleted which entity, and with which identity (StorageTableLogs): the
// record an investigation of the polls or the decisions register starts from.
resource tableLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'table-audit'
  scope: tableService
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'StorageRead'
        enabled: true
      }
      {
        category: 'StorageWrite'
        enabled: true
      }
      {
        category: 'StorageDelete'
        enabled: true
      }
    ]
  }
}

// Deleting the account would delete every table. Only Owner or User Access Administrator can
// remove the lock, and removing it is recorded in the activity log.
resource deleteLock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: 'quorum-data-cannot-delete'
  scope: storage
  properties: {
    level: 'CanNotDelete'
    notes: 'Holds every Quorum table (polls, decisions register, sessions). Remove only to retire the deployment (docs/deploy.md).'
  }
}

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, dataPrincipalId, tableDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', tableDataContributorRoleId)
    principalId: dataPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output id string = storage.id
// STORAGE_ACCOUNT_URL: the table endpoint without a trailing slash.
output tableEndpoint string = 'https://${storage.name}.table.${environment().suffixes.storage}'
