/**
 * What the admin page shows before anything was saved: a small valid catalog and a mapping to
 * adapt, so a new install starts from something that passes validation.
 */
export const STARTER_CATALOG_TEXT = `# Tariff SLA catalog (see docs/jira-app.md). Targets are working minutes.
version: 1
currency: RUB
timeZone: Europe/Moscow
priorities: [low, normal, high, critical]
requestTypes:
  incident: { name: Incident }
  consultation: { name: Consultation }
defaults:
  priority: normal
  type: incident
  statuses:
    initial: Open
    paused: [Waiting for customer]
    working: [In Progress]
    done: [Resolved, Closed]
calendars:
  office:
    name: Mon-Fri 9:00-18:00
    zone: Europe/Moscow
    week: { weekdays: ["09:00-18:00"] }
escalationPolicies:
  standard:
    levels:
      - { level: 1, percentOfTarget: 80, actions: [{ kind: notify, recipients: [support_lead] }] }
      - { level: 2, percentOfTarget: 100, actions: [{ kind: assign_line, line: L2 }, { kind: comment, text: "The SLA deadline has passed; the request was handed to the second line." }] }
tariffs:
  basic:
    name: Basic
    calendar: office
    escalationPolicy: standard
    targets: { reaction: 240, resolution: 480 }
    prices: { monthly: 100000, hourly: 2500 }
contracts:
  client:
    name: Client
    terms: [{ tariff: basic, from: 2026-01-01 }]
`;

export const STARTER_MAPPING_TEXT = `# Jira projects served, and how Jira names map to catalog names.
projects: {}
#  SUP:
#    contract: client
#    priorities: { Highest: critical, High: high, Medium: normal, Low: low }
#    issueTypes: { Incident: incident, "Service request": consultation }
#    lineStatuses: { "Second line": L2 }
#    recipients:                            # who escalation e-mails go to (client_contact: the reporter, client_team: the watchers)
#      support_line: { groupIds: [<groupId>] }
#      support_lead: [<accountId>]
#      account_manager: { accountIds: [<accountId>], groups: [<group name>] }
#    internalCommentRole: Administrators   # project role that reads comments kept from the client
agents:
  accountIds: []
lineRequirements: {}
#  L2: { comment: true, fields: [assignee] }
language: en
`;
