// Where Quorum's telemetry and logs go: a Log Analytics workspace, and a workspace-based
// Application Insights resource that accepts telemetry only from Entra ID identities (the
// connection string alone, which is not a secret, cannot be used to write to it).

@description('Log Analytics workspace name.')
param workspaceName string

@description('Application Insights name.')
param appInsightsName string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Days Log Analytics keeps data, the storage audit logs included (at least a year).')
@minValue(365)
@maxValue(730)
param retentionInDays int

@description('Object (principal) id of the identity that sends telemetry.')
param publisherPrincipalId string

// Built-in role "Monitoring Metrics Publisher": despite its name, it allows sending every kind
// of telemetry to an Application Insights resource with Entra ID authentication.
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
  }
}

resource telemetryPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, publisherPrincipalId, monitoringMetricsPublisherRoleId)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: publisherPrincipalId
    principalType: 'ServicePrincipal'
  }
}

output workspaceId string = workspace.id
// Identifies where to send telemetry; it grants no read access to anything (see docs/deploy.md).
output connectionString string = appInsights.properties.ConnectionString
