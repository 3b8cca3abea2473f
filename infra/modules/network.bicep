// Only with keyVaultNetworkMode = 'privateEndpoint': a virtual network whose one subnet the Function App
// sends all its outbound traffic through (Flex Consumption VNet integration) and whose other subnet holds
// the Key Vault's private endpoint. The vault then has no public endpoint at all.

param name string
param location string
param tags object

@description('Address space of the virtual network; the two subnets below are cut from it.')
param addressPrefix string = '10.40.0.0/24'
param appSubnetPrefix string = '10.40.0.0/26'
param privateEndpointSubnetPrefix string = '10.40.0.64/27'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [ addressPrefix ]
    }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: appSubnetPrefix
          // Flex Consumption integrates through a subnet delegated to Microsoft.App/environments.
          delegations: [
            {
              name: 'flex'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: 'private-endpoints'
        properties: {
          addressPrefix: privateEndpointSubnetPrefix
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

output id string = vnet.id
output appSubnetId string = vnet.properties.subnets[0].id
output privateEndpointSubnetId string = vnet.properties.subnets[1].id
