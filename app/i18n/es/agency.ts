/** Páginas del personal de la agencia: tokens de API. */
import type { agency as en } from '../en/agency';

export const agency = {
  'tokens.title': 'Tokens de API: {agency}',
  'tokens.intro':
    'Un token permite que los sistemas de su agencia presenten informes de {agency} de forma automática. Quien lo tenga actúa en nombre de su agencia: manténgalo en secreto y revóquelo cuando ya no lo necesite.',
  'tokens.name': 'Nombre del token',
  'tokens.nameHint': 'Indique qué lo usa, por ejemplo “Sistema de gestión de la cárcel”.',
  'tokens.nameRequired': 'Dé un nombre al token (como máximo 80 caracteres).',
  'tokens.create': 'Crear token',
  'tokens.created': 'Se creó el token “{name}”. Cópielo ahora: no se volverá a mostrar.',
  'tokens.none': 'Todavía no hay tokens.',
  'tokens.list': 'Tokens',
  'tokens.prefix': 'Empieza con',
  'tokens.createdBy': 'Creado por',
  'tokens.createdAt': 'Creado',
  'tokens.lastUsed': 'Último uso',
  'tokens.never': 'Nunca',
  'tokens.revoked': 'Revocado el {date}',
  'tokens.revoke': 'Revocar',
  'tokens.revokedNotice': 'Token revocado: desde ahora se rechazan las solicitudes que lo usen.',
  'tokens.notFound': 'Ese token no pertenece a esta agencia o ya fue revocado.',
} as const satisfies Record<keyof typeof en, string>;
