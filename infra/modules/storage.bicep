// Azure Table storage for everything Quorum keeps. Entra ID only: shared keys (and so
// connection strings and SAS tokens) are disabled, and the app's identity gets exactly
// "Storage Table Data Contributor" on this account.

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

// STORAGE_ACCOUNT_URL: the table endpoint without a trailing slash.
output tableEndpoint string = 'https://${storage.name}.table.${environment().suffixes.storage}'
