/** Paneles públicos: gráficos, sus tablas y resúmenes, descargas. */
import type { dashboards as en } from '../en/dashboards';

export const dashboards = {
  'demo.label': 'Datos de demostración',
  'chart.table': 'Tabla: {title}',
  'figure.notReported': 'no informado',
  'figure.notReportedNote': '“No informado” significa que ningún informe cuenta para ese período; no equivale a cero.',
  'figure.suppressed': 'oculto',
  'figure.suppressedNote':
    'Las cifras de 1 a {below} se ocultan para proteger a las personas contadas, y también otra celda cuando hace falta, para que no se pueda deducir una cifra oculta a partir del total.',
  'figure.amended': 'enmendado',
  'figure.amendedLabel': 'Enmendado: vea las versiones del informe de {period}',
  'demo.banner':
    'Datos de demostración: los informes, las políticas y las cuentas de este portal son inventados para mostrar cómo funciona. El registro de acuerdos proviene de las listas reales de ICE.',

  'feed.title': 'Informes y acuerdos 287(g): {place}',
  'feed.demo': '(datos de demostración)',
  'feed.entry.submitted': '{agency}: se presentó el informe de {period}',
  'feed.entry.amended': '{agency}: se enmendó el informe de {period} (versión {number})',
  'feed.entry.LISTED': '{agency}: el acuerdo “{model}” aparece en la lista de ICE',
  'feed.entry.CHANGED': '{agency}: el acuerdo “{model}” cambió en la lista de ICE',
  'feed.entry.ENDED': '{agency}: el acuerdo “{model}” ya no figura en la lista de ICE',
  'feed.entry.RECORDED': '{agency}: acuerdo “{model}” registrado a partir de un MOA firmado u otra fuente pública',
  'feed.summary.submitted': 'Se presentó un informe certificado.',
  'feed.summary.nothing': 'La agencia certificó que no tenía nada que informar en el período.',
  'feed.summary.amended': 'Motivo indicado: {reason}',
  'feed.summary.registry': 'Estado: {status}, según la lista de ICE del {date}.',
  'window.recent': 'Las tablas y gráficos de abajo muestran los {shown} períodos más recientes de {total}; los totales y las descargas los incluyen todos.',
  'window.all': 'Las tablas y gráficos de abajo muestran los {total} períodos.',
  'window.showAll': 'Mostrar los {total} períodos',
  'window.showRecent': 'Mostrar solo los períodos más recientes',
} as const satisfies Record<keyof typeof en, string>;
