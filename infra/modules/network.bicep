// The private path from the web app to its tables, so that the storage account can refuse the
// public network: a virtual network with one subnet the web app joins (regional VNet
// integration) and one for a private endpoint of the account's table service, whose
// privatelink.table zone, linked to the network, makes <account>.table.core.windows.net resolve
// to the endpoint's private address from inside it.

@description('Virtual network name.')
param vnetName string

@description('Azure region.')
param location string

@description('Tags for every resource.')
param tags object

@description('Address space of the network (a /24 or larger; pick one that does not overlap networks you peer with).')
param addressPrefix string

@description('Resource id of the storage account whose table service gets the private endpoint.')
param storageAccountId string

@description('Name of the storage account (names the endpoint).')
param storageAccountName string

var appSubnetName = 'snet-app'
var endpointSubnetName = 'snet-endpoints'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: vnetName
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    // Declared inline: subnets declared as separate resources are removed (or fail as "in
    // use") when the network is deployed again without them.
    subnets: [
      {
        name: appSubnetName
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 26, 0) // App Service asks for /26 so instances can scale out
          delegations: [
            {
              name: 'web'
              properties: {
                serviceName: 'Microsoft.Web/serverFarms'
              }
            }
          ]
        }
      }
      {
        name: endpointSubnetName
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 27, 2)
        }
      }
    ]
  }
}

resource tableZone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.table.${environment().suffixes.storage}'
  location: 'global'
  tags: tags
}

resource tableZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: tableZone
  name: '${vnetName}-link'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}

resource tableEndpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-${storageAccountName}-table'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: '${vnet.id}/subnets/${endpointSubnetName}'
    }
    privateLinkServiceConnections: [
      {
        name: 'table'
        properties: {
          privateLinkServiceId: storageAccountId
          groupIds: [
            'table'
          ]
        }
      }
    ]
  }
}

// Keeps the zone's A record for the account in step with the endpoint's address.
resource tableEndpointDns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: tableEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'table'
        properties: {
          privateDnsZoneId: tableZone.id
        }
      }
    ]
  }
}

// The web app's integration subnet (virtualNetworkSubnetId).
output appSubnetId string = '${vnet.id}/subnets/${appSubnetName}'
