// The Azure Bot registration: Teams sends activities to https://<app>/api/messages, and the
// bot authenticates to Teams as the user-assigned identity (no app password exists).

@description('Azure Bot resource name (globally unique handle).')
param name string

@description('Name shown for the bot in the Azure portal.')
@maxLength(42)
param displayName string

@description('Tags for every resource.')
param tags object

@description('Host name of the web app serving /api/messages.')
param appDomain string

@description('Resource id of the user-assigned identity.')
param identityResourceId string

@description('Client id of the user-assigned identity (the bot\'s app id).')
param identityClientId string

@description('Tenant of the identity.')
param identityTenantId string

@description('F0 is free for the Teams channel (a standard channel).')
@allowed([
  'F0'
  'S1'
])
param sku string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: 'https://${appDomain}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identityClientId
    msaAppMSIResourceId: identityResourceId
    msaAppTenantId: identityTenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output id string = bot.id
