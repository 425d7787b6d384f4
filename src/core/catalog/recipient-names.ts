/** Who an escalation notice goes to. The first three are the provider's people, the last two the client's. */
export const RECIPIENT_NAMES = [
  'support_line',
  'support_lead',
  'account_manager',
  'client_contact',
  'client_team',
] as const;
export type RecipientName = (typeof RECIPIENT_NAMES)[number];
