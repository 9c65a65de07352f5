/** Agency staff pages: API tokens (filing pages follow). */
export const agency = {
  'tokens.title': 'API tokens: {agency}',
  'tokens.intro':
    'A token lets your agency\u2019s own systems file reports for {agency} by machine. Anyone holding it acts for your agency, so keep it secret and revoke it when no longer needed.',
  'tokens.name': 'Name of the token',
  'tokens.nameHint': 'Say what uses it, e.g. \u201cJail management system\u201d.',
  'tokens.nameRequired': 'Give the token a name (at most 80 characters).',
  'tokens.create': 'Create token',
  'tokens.created': 'Token \u201c{name}\u201d created. Copy it now: it will not be shown again.',
  'tokens.none': 'No tokens yet.',
  'tokens.list': 'Tokens',
  'tokens.prefix': 'Starts with',
  'tokens.createdBy': 'Created by',
  'tokens.createdAt': 'Created',
  'tokens.lastUsed': 'Last used',
  'tokens.never': 'Never',
  'tokens.revoked': 'Revoked {date}',
  'tokens.revoke': 'Revoke',
  'tokens.revokedNotice': 'Token revoked: requests with it are refused from now on.',
  'tokens.notFound': 'That token does not belong to this agency or is already revoked.',
} as const;
