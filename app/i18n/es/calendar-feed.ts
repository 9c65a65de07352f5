/** El calendario privado de fechas de entrega: la sección de /account y el propio calendario. */
export const calendarFeed = {
  'calendarFeed.title': 'Calendario de fechas de entrega',
  'calendarFeed.intro':
    'Añada las fechas de entrega de sus informes a su propia aplicación de calendario (Google Calendar, Outlook, Calendario de Apple) suscribiéndose a un enlace privado. Muestra los períodos pendientes, vencidos o devueltos de las agencias para las que usted presenta informes.',
  'calendarFeed.private': 'Mantenga el enlace en privado: quien lo tenga ve estas fechas. Si se filtra, cree uno nuevo o desactívelo.',
  'calendarFeed.none': 'No tiene ningún enlace de calendario.',
  'calendarFeed.live': 'Su enlace de calendario se creó el {date}. Solo se muestra una vez; cree uno nuevo si lo perdió.',
  'calendarFeed.created': 'Su nuevo enlace de calendario (solo se muestra esta vez; cualquier enlace anterior deja de funcionar):',
  'calendarFeed.revoked': 'Su enlace de calendario está desactivado.',
  'calendarFeed.create': 'Crear un enlace de calendario',
  'calendarFeed.replace': 'Crear un enlace nuevo (el anterior deja de funcionar)',
  'calendarFeed.revoke': 'Desactivar el enlace',
  'calendarFeed.name': 'Informes pendientes',
  'calendarFeed.summary': 'Informe pendiente: {agency} {period}',
} as const;
