// The one identity Quorum runs as. It is the bot's identity (Azure Bot, msaAppType
// UserAssignedMSI: no client secret exists) and the identity that reads and writes the
// tables (DefaultAzureCredential with AZURE_CLIENT_ID = its client id).

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
output tenantId string = identity.properties.tenantId
