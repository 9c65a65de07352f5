/** Las políticas modelo (app/policies/): las tres plantillas, los problemas de las respuestas y los avisos de legalidad. */
import type { modelPolicies as en } from '../en/model-policies';

export const modelPolicies = {
  'modelPolicy.template.county_reporting': 'Política de informes del condado',
  'modelPolicy.template.county_reporting.description':
    'Para todos los condados: la junta de comisionados exige al sheriff que informe, bajo juramento, lo que cuesta y lo que hace la participación en 287(g) (G.S. 153A-104).',
  'modelPolicy.template.municipal_preapproval': 'Política de aprobación previa del municipio',
  'modelPolicy.template.municipal_preapproval.description':
    'Para un municipio cuyo departamento de policía no tiene acuerdo 287(g): el concejo debe aprobarlo, tras un aviso público y una audiencia, antes de que el departamento lo solicite o lo firme, y el departamento informa una vez que exista un acuerdo (G.S. 160A-281).',
  'modelPolicy.template.municipal_reporting': 'Política de informes del municipio',
  'modelPolicy.template.municipal_reporting.description':
    'Para un municipio cuyo departamento de policía tiene un acuerdo 287(g): informes públicos periódicos, aviso de cambios y rendición de cuentas (G.S. 160A-281).',

  'modelPolicy.problem.tooLong': 'El texto es demasiado largo.',
  'modelPolicy.problem.jurisdictionRequired': 'Escriba el nombre del condado o municipio.',
  'modelPolicy.problem.adoptingBodyRequired': 'Escriba el órgano que aprueba la resolución, por ejemplo “Town Council of Matthews”.',
  'modelPolicy.problem.agencyHeadRequired': 'Escriba el cargo de quien informa, por ejemplo “Sheriff” o “Chief of Police”.',
  'modelPolicy.problem.presidingOfficerRequired': 'Escriba el cargo de quien preside y firma, por ejemplo “Chair” o “Mayor”.',
  'modelPolicy.problem.clerkRequired': 'Escriba el cargo del secretario que da fe, por ejemplo “Clerk to the Board”.',
  'modelPolicy.problem.agenciesEmpty': 'Añada al menos una agencia.',
  'modelPolicy.problem.agencyNameRequired': 'Escriba el nombre de la agencia.',
  'modelPolicy.problem.agencyIdInvalid': 'Elija una agencia de la lista.',
  'modelPolicy.problem.frequencyRequired': 'Elija mensual, trimestral o anual.',
  'modelPolicy.problem.dueDaysWhole': 'Escriba un número entero de días, 0 o más.',
  'modelPolicy.problem.dueDaysTooMany': 'Como máximo 366 días.',
  'modelPolicy.problem.acceptsLateRequired': 'Indique si se aceptan informes atrasados.',
  'modelPolicy.problem.metricsEmpty': 'Elija al menos un indicador.',
  'modelPolicy.problem.metricTwice': '“{metric}” aparece dos veces.',
  'modelPolicy.problem.metricUnknown': 'Indicador desconocido: “{metric}”.',
  'modelPolicy.problem.metricDerived': 'El portal calcula “{label}”; no se informa.',
  'modelPolicy.problem.breakdownWithoutTotal': '“{metric}” es un desglose de “{total}”: incluya también “{total}”.',
  'modelPolicy.problem.oathRequired': 'Escriba el juramento bajo el cual se presenta el informe.',
  'modelPolicy.problem.effectiveFromRequired': 'Escriba la fecha en que entran en vigor las reglas de informes, con el formato AAAA-MM-DD.',
  'modelPolicy.problem.effectiveFromInvalid': 'Escriba una fecha real para la entrada en vigor de las reglas de informes, con el formato AAAA-MM-DD.',
  'modelPolicy.problem.effectiveBeforeAdoption': 'Las reglas de informes no pueden entrar en vigor antes de que se apruebe la resolución ({date}).',
  'modelPolicy.problem.adoptedOnRequired': 'Escriba la fecha en que se aprobó la resolución, con el formato AAAA-MM-DD.',
  'modelPolicy.problem.adoptedOnInvalid': 'Escriba una fecha de aprobación real, con el formato AAAA-MM-DD.',
  'modelPolicy.problem.voteWhole': 'Escriba un número entero de votos, de 0 a 999.',
  'modelPolicy.problem.voteIncomplete': 'Escriba los votos a favor y en contra, o deje la votación en blanco.',
  'modelPolicy.problem.hearingRequired': 'Indique si se exige una audiencia pública.',
  'modelPolicy.problem.noticeDaysWhole': 'Escriba un número entero de días, 0 o más.',
  'modelPolicy.problem.noticeDaysTooMany': 'Como máximo 365 días.',
  'modelPolicy.problem.commentDaysWhole': 'Escriba un número entero de días, al menos 1.',
  'modelPolicy.problem.commentDaysTooMany': 'Como máximo 365 días.',
  'modelPolicy.problem.itemsEmpty': 'Elija al menos un elemento que deba incluir la solicitud.',
  'modelPolicy.problem.itemUnknown': 'Elemento de solicitud desconocido.',

  'modelPolicy.guardrail.prohibition':
    '“{phrase}” se lee como una prohibición de cooperar con la aplicación federal de las leyes de inmigración. {statute} prohíbe cualquier política, ordenanza o procedimiento local que limite o restrinja la aplicación de la ley federal de inmigración, y una cláusula así podría poner en riesgo toda la política. Un concejo o una junta sí puede exigir informes, avisos, un proceso público y su propia aprobación. Esto es un aviso, no asesoría legal: consulte a su abogado antes de aprobarla.',
  'modelPolicy.guardrail.notLegalAdvice':
    'El portal compara el texto añadido con una lista de expresiones que se leen como una prohibición. No es asesoría legal, y un texto que pasa la revisión no es por eso lícito: consulte a su abogado.',
} as const satisfies Record<keyof typeof en, string>;
