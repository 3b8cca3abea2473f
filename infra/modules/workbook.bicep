// A shared workbook on the Application Insights component: the cycles, actions by kind, failures by reason,
// and Zendesk (and Graph) request counts with throttling over time. Queries: ../queries/workbook-*.kql.

param location string
param tags object
param appInsightsId string

@description('Title shown in the portal (Workbooks).')
param displayName string = 'Zendesk provisioning'

func queryItem(name string, title string, query string, visualization string) object => {
  type: 3
  name: name
  content: {
    version: 'KqlItem/1.0'
    title: title
    query: query
    size: 0
    timeContextFromParameter: 'TimeRange'
    queryType: 0
    resourceType: 'microsoft.insights/components'
    visualization: visualization
  }
}

var content = {
  version: 'Notebook/1.0'
  items: [
    {
      type: 1
      name: 'intro'
      content: {
        json: '## Zendesk provisioning\nCycles, actions, failures and request counts, from the events and metrics of infra/README.md ("Telemetry").'
      }
    }
    {
      type: 9
      name: 'parameters'
      content: {
        version: 'KqlParameterItem/1.0'
        style: 'pills'
        queryType: 0
        resourceType: 'microsoft.insights/components'
        parameters: [
          {
            id: '5d0f2f53-1d6b-4f2a-9d43-6c1c8f8a1e01'
            version: 'KqlParameterItem/1.0'
            name: 'TimeRange'
            label: 'Time range'
            type: 4
            isRequired: true
            value: { durationMs: 604800000 }
            typeSettings: {
              selectableValues: [
                { durationMs: 86400000 }
                { durationMs: 604800000 }
                { durationMs: 2592000000 }
              ]
            }
          }
        ]
      }
    }
    queryItem('cycles', 'Cycles', loadTextContent('../queries/workbook-cycles.kql'), 'table')
    queryItem('actions-by-kind', 'Actions by kind (objects per hour)', loadTextContent('../queries/workbook-actions-by-kind.kql'), 'barchart')
    queryItem('failures-by-reason', 'Failures by reason (objects per hour)', loadTextContent('../queries/workbook-failures-by-reason.kql'), 'barchart')
    queryItem('failed-objects', 'Failed objects', loadTextContent('../queries/workbook-failed-objects.kql'), 'table')
    queryItem('zendesk-requests', 'Zendesk and Graph requests, and Zendesk throttling (429), per hour', loadTextContent('../queries/workbook-zendesk-requests.kql'), 'timechart')
    queryItem('cycle-duration', 'Average cycle duration (minutes)', loadTextContent('../queries/workbook-cycle-duration.kql'), 'timechart')
  ]
  fallbackResourceIds: [ appInsightsId ]
  '$schema': 'https://github.com/Microsoft/Application-Insights-Workbooks/blob/master/schema/workbook.json'
}

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, appInsightsId, 'zendesk-provisioning-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    sourceId: appInsightsId
    serializedData: string(content)
  }
}

output id string = workbook.id
