/**
 * Lo que dicen las comprobaciones de un informe (los códigos están en
 * app/reporting/filing-messages.ts). {metric} o {…Metric} es el nombre de un indicador, {group}
 * el de un desglose de abajo.
 */
import type { filingChecks as en } from '../en/filing-checks';

export const filingChecks = {
  'filingCheck.value_required': 'Escriba un valor, o 0 si no hubo ninguno.',
  'filingCheck.value_negative': 'No puede ser negativo.',
  'filingCheck.value_whole_number': 'Escriba un número entero.',
  'filingCheck.value_cents': 'Use dólares y centavos: como máximo 2 decimales.',
  'filingCheck.value_decimals': 'Use como máximo 2 decimales.',
  'filingCheck.value_too_large': 'Ese número es demasiado grande: como máximo {max}. Revíselo.',
  'filingCheck.value_not_a_number': '"{typed}" no es un número.',
  'filingCheck.value_not_text': 'Escriba un número.',
  'filingCheck.text_control_characters': 'Contenía caracteres de control invisibles (como un byte NUL), que se quitaron. Revíselo y envíe el formulario de nuevo.',
  'filingCheck.values_not_object': 'Envíe los valores como un objeto cuyas claves sean claves de indicadores.',
  'filingCheck.metric_unknown': 'Indicador desconocido: "{key}".',
  'filingCheck.metric_derived': 'El portal calcula {key}: no se escribe.',
  'filingCheck.metric_not_in_filing': '"{key}" no corresponde a los modelos de acuerdo de este informe.',

  'filingCheck.nothing_with_values':
    'Marcó "no hay nada que informar" pero escribió cifras. Bórrelas, o desmarque "no hay nada que informar".',

  'filingCheck.rule_cannot_exceed': 'La cifra de {partMetric} ({partAmount}) no puede ser mayor que la de {wholeMetric} ({wholeAmount}).',
  'filingCheck.rule_transfers_exceed_encountered':
    'La cifra de {partMetric} ({partAmount}) es mayor que la de {wholeMetric} ({wholeAmount}). Si algunas de esas personas fueron abordadas en un período anterior, explíquelo.',
  'filingCheck.rule_sustained_exceed_filed':
    'La cifra de {partMetric} ({partAmount}) es mayor que la de {wholeMetric} ({wholeAmount}). Si algunas de esas quejas se presentaron en un período anterior, explíquelo.',
  'filingCheck.rule_outcomes_exceed_received':
    'Las cifras de {honoredMetric} ({honoredAmount}) y de {declinedMetric} ({declinedAmount}) suman {sum}, más que la de {receivedMetric} ({receivedAmount}).',
  'filingCheck.rule_breakdown_without_total': 'El {group} tiene cifras, pero la de {totalMetric} está vacía.',
  'filingCheck.rule_breakdown_sum': 'El {group} suma {sum}, pero la cifra de {totalMetric} es {totalAmount}.',
  'filingCheck.rule_offsets_exceed_gross':
    'El reembolso federal y los ingresos por camas en la cárcel superan el costo bruto. Si es correcto, explique por qué.',
  'filingCheck.rule_outlier_above':
    'La cifra de {metric} ({amount}) está muy por encima de lo habitual en esta agencia (mediana de {median} en {periods} períodos). Revísela o explíquela.',
  'filingCheck.rule_outlier_below':
    'La cifra de {metric} ({amount}) está muy por debajo de lo habitual en esta agencia (mediana de {median} en {periods} períodos). Revísela o explíquela.',

  'filingCheck.requirement_not_found': 'Ese requisito no existe.',
  'filingCheck.filing_not_found': 'Ese informe no existe.',
  'filingCheck.period_not_expected': 'No se espera ningún informe para el período "{period}" de este requisito.',
  'filingCheck.period_not_ended': 'El período termina el {end}: presente el informe después de esa fecha.',
  'filingCheck.period_locked': 'La presentación de este período se cerró el {locked}. Un revisor debe conceder una prórroga antes de poder enviarlo.',
  'filingCheck.period_late': 'Este informe debía presentarse a más tardar el {due} y la política no acepta informes atrasados.',
  'filingCheck.amendment_reason_required': 'Este informe ya se presentó: explique por qué lo enmienda (al menos {min} caracteres).',
  'filingCheck.certified_name_required': 'Escriba el nombre de la persona que certifica el informe.',
  'filingCheck.certified_title_required': 'Escriba el cargo de la persona que certifica el informe.',

  'filingCheck.review_note_required': 'Diga qué debe corregir la agencia (al menos {min} caracteres).',
  'filingCheck.review_nothing_submitted': 'Todavía no se ha presentado nada para este período.',
  'filingCheck.extension_reason_required': 'Indique el motivo de la prórroga: al menos {min} caracteres.',
  'filingCheck.extension_date_invalid': 'Indique como fecha el nuevo último día para presentar.',
  'filingCheck.review_revision_outdated': 'La versión {newest} se presentó después de que usted abrió esta página: revise esa.',

  'filingCheck.group.transferred_by_charge': 'desglose por cargo más grave',
  'filingCheck.group.transferred_by_conviction': 'desglose por condena',
  'filingCheck.group.transferred_by_sex': 'desglose por sexo',
  'filingCheck.group.transferred_by_age': 'desglose por edad',
  'filingCheck.group.transferred_by_citizenship': 'desglose por país de ciudadanía',
  'filingCheck.group.booked_by_race': 'desglose por raza y etnia de los ingresos',
  'filingCheck.group.transferred_by_race': 'desglose por raza y etnia de las entregas',
  'filingCheck.group.detained_by_race': 'desglose por raza y etnia de las órdenes de detención cumplidas',
  'filingCheck.group.task_force_stops_by_race': 'desglose por raza y etnia de los controles',
  'filingCheck.group.task_force_stops_by_reason': 'desglose por motivo de los controles',
  'filingCheck.group.task_force_arrests_by_race': 'desglose por raza y etnia de los arrestos',
  'filingCheck.group.task_force_arrests_by_reason': 'desglose por motivo de los arrestos',
  'filingCheck.group.detainers_by_charge': 'desglose por cargo de las órdenes de detención',
  'filingCheck.group.ice_requests_by_type': 'desglose por tipo de las solicitudes de ICE',
  'filingCheck.group.ice_requests_by_outcome': 'desglose por resultado de las solicitudes de ICE',
} as const satisfies Record<keyof typeof en, string>;
