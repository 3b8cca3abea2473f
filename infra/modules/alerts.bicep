// What an admin must hear about, mailed to NOTIFICATION_EMAIL. The queries are in ../queries/*.kql and read
// exactly the events the product writes (functions/.../telemetry/TelemetryNames.java; a test checks it).
// Rules are stateful (autoMitigate): one mail when a condition starts, one when it resolves.

param namePrefix string
param location string
param tags object
param appInsightsId string

@description('Where the alerts go.')
param notificationEmail string

@description('The longest gap, in minutes, between two runs of SYNC_SCHEDULE (40 for the default "0 */40 * * * *").')
@minValue(5)
@maxValue(960)
param syncPeriodMinutes int

@description('Object failure alert: percentage of handled objects that failed within an hour.')
@minValue(1)
@maxValue(100)
param objectFailurePercent int

@description('Object failure alert: fewest failed objects within an hour before the percentage counts.')
@minValue(1)
param objectFailureMinimum int

// The thresholds are written into the KQL's own `let` lines (a test checks each replaced line exists).
var objectFailureQuery = replace(loadTextContent('../queries/alert-object-failure-rate.kql'), 'let minimumFailures = 5;', 'let minimumFailures = ${objectFailureMinimum};')
var noCompletedCycleQuery = replace(loadTextContent('../queries/alert-no-completed-cycle.kql'), 'let periodMinutes = 40;', 'let periodMinutes = ${syncPeriodMinutes};')

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-admins'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'zdprov'
    enabled: true
    emailReceivers: [
      {
        name: 'provisioning-admins'
        emailAddress: notificationEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

// A cycle that FAILED (e.g. an Entra read failed; nothing was suspended), was QUARANTINED (nearly every
// object failed: credentials or Zendesk down) or HELD (the deletion guard stopped suspensions/deletions).
// One alert per cycle: cycleId and status are dimensions.
resource cycleFailedOrHeld 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-cycle-failed-or-held'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Zendesk provisioning: a cycle failed, was quarantined or was held'
    description: 'See infra/README.md, "Alerts": cycle failed or held.'
    severity: 1
    enabled: true
    scopes: [ appInsightsId ]
    // Window twice the frequency so a late-ingested event is still seen; the cycleId dimension keeps it one mail.
    evaluationFrequency: 'PT15M'
    windowSize: 'PT30M'
    criteria: {
      allOf: [
        {
          query: loadTextContent('../queries/alert-cycle-failed-or-held.kql')
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          dimensions: [
            { name: 'cycleId', operator: 'Include', values: [ '*' ] }
            { name: 'status', operator: 'Include', values: [ '*' ] }
          ]
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [ actionGroup.id ]
    }
  }
}

resource objectFailureRate 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-object-failure-rate'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Zendesk provisioning: object failures above ${objectFailurePercent}%'
    description: 'See infra/README.md, "Alerts": object failures above the rate.'
    severity: 2
    enabled: true
    scopes: [ appInsightsId ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: objectFailureQuery
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'failedPercent'
          operator: 'GreaterThan'
          threshold: objectFailurePercent
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [ actionGroup.id ]
    }
  }
}

// The query bounds itself to three schedule periods; the window (two days, the longest a log alert takes)
// only has to cover that, hence syncPeriodMinutes <= 960.
resource noCompletedCycle 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-no-completed-cycle'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Zendesk provisioning: no completed cycle for ${3 * syncPeriodMinutes} minutes'
    description: 'See infra/README.md, "Alerts": no completed cycle.'
    severity: 1
    enabled: true
    scopes: [ appInsightsId ]
    evaluationFrequency: 'PT30M'
    windowSize: 'P2D'
    criteria: {
      allOf: [
        {
          query: noCompletedCycleQuery
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [ actionGroup.id ]
    }
  }
}

output actionGroupId string = actionGroup.id
