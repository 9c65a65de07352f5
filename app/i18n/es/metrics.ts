/**
 * Nombres y definiciones de los indicadores tal como se leen en las páginas públicas, las
 * descargas y el diccionario de datos. Claves según app/reporting/metrics.ts.
 */
import type { metrics as en } from '../en/metrics';

export const metrics = {
  'metric.staff_fte.label': 'Personal del 287(g) (equivalentes de tiempo completo)',
  'metric.staff_fte.definition':
    'Personal asignado al trabajo del 287(g), en equivalentes de tiempo completo, como promedio del período. Un agente que dedica la mitad de su tiempo al 287(g) cuenta como 0.5.',
  'metric.staff_hours.label': 'Horas del personal en el 287(g)',
  'metric.staff_hours.definition': 'Horas que todo el personal trabajó en tareas del 287(g) durante el período, incluidas las horas extra.',
  'metric.overtime_hours.label': 'Horas extra',
  'metric.overtime_hours.definition': 'Horas extra trabajadas en tareas del 287(g) durante el período. Estas horas también forman parte de las horas del personal.',
  'metric.overtime_cost.label': 'Costo de las horas extra',
  'metric.overtime_cost.definition':
    'Lo que costaron en salario y prestaciones las horas extra del 287(g) del período, antes de cualquier reembolso federal.',
  'metric.training_hours.label': 'Horas de capacitación',
  'metric.training_hours.definition':
    'Horas que el personal dedicó a la capacitación del 287(g) durante el período (cursos de ICE, cursos de actualización y el tiempo de viaje para asistir).',
  'metric.training_cost.label': 'Costo de la capacitación',
  'metric.training_cost.definition':
    'Lo que esa capacitación le costó a la agencia: salario de las horas de capacitación, viaje, alojamiento y la cobertura de los turnos de quienes se capacitaban, antes de cualquier reembolso.',
  'metric.detention_bed_days.label': 'Días-cama de detención por retenciones migratorias',
  'metric.detention_bed_days.definition':
    'Días-cama de la cárcel ocupados por personas retenidas solo para ICE (por una orden de retención o una orden de ICE, o alojadas para ICE). Una persona retenida un día, o parte de un día, es un día-cama.',
  'metric.detention_cost.label': 'Costo de la detención',
  'metric.detention_cost.definition':
    'Lo que esos días-cama le costaron a la agencia (por ejemplo, el costo diario por recluso multiplicado por los días-cama), antes de cualquier pago de ICE.',
  'metric.gross_cost.label': 'Costo bruto',
  'metric.gross_cost.definition':
    'Costo total de la participación en el 287(g) durante el período, antes de restar reembolsos o ingresos: salario y prestaciones por el trabajo del 287(g), incluidas horas extra, capacitación, detención, costos legales, acuerdos de conciliación y cualquier otro gasto de la agencia. No incluya el equipo que ICE proporcionó o pagó.',
  'metric.federal_reimbursement.label': 'Reembolso federal',
  'metric.federal_reimbursement.definition':
    'Dinero recibido o por recibir del DHS o de ICE por el trabajo del 287(g) del período: reembolso de salarios y horas extra, asignaciones por agente del grupo de trabajo y cualquier otro pago federal del programa. Los pagos del contrato de camas en la cárcel (IGSA) van en ingresos por IGSA.',
  'metric.igsa_revenue.label': 'Ingresos por IGSA (contrato de camas en la cárcel)',
  'metric.igsa_revenue.definition':
    'Pagos de ICE correspondientes al período según un acuerdo de servicios intergubernamental (IGSA) por alojar en la cárcel a personas detenidas por ICE.',
  'metric.ice_funded_equipment.label': 'Equipo pagado por ICE',
  'metric.ice_funded_equipment.definition':
    'Valor del equipo que ICE proporcionó o pagó durante el período (computadoras, terminales de huellas dactilares, teléfonos, vehículos). No forma parte del costo bruto.',
  'metric.legal_costs.label': 'Costos legales',
  'metric.legal_costs.definition':
    'Honorarios de abogados y costas judiciales pagados durante el período por reclamos, quejas o demandas sobre el trabajo del 287(g). Los acuerdos de conciliación y las sentencias van en pagos por acuerdos de conciliación.',
  'metric.net_local_cost.label': 'Costo local neto',
  'metric.net_local_cost.definition':
    'Costo bruto menos el reembolso federal y los ingresos por IGSA: lo que el 287(g) les costó a los contribuyentes locales en el período. Lo calcula el portal; un valor negativo significa que la agencia recibió más de lo que gastó.',
  'metric.bookings_screened.label': 'Ingresos a la cárcel revisados',
  'metric.bookings_screened.definition':
    'Ingresos (fichajes) a la cárcel durante el período en los que agentes del 287(g) verificaron la situación migratoria de la persona (en bases de datos de ICE o preguntándole). Cuente cada ingreso una sola vez.',
  'metric.interviews.label': 'Entrevistas migratorias',
  'metric.interviews.definition':
    'Entrevistas a personas bajo custodia sobre su situación migratoria que realizaron agentes del 287(g) durante el período.',
  'metric.detainers_received.label': 'Órdenes de retención recibidas',
  'metric.detainers_received.definition':
    'Órdenes de retención de ICE (detainers) presentadas ante la agencia durante el período, por ICE o por los propios agentes del 287(g) de la agencia.',
  'metric.detainers_honored.label': 'Órdenes de retención cumplidas',
  'metric.detainers_honored.definition':
    'De las órdenes de retención recibidas durante el período, cuántas había cumplido la agencia al final de este: la persona fue retenida para ICE o entregada a ICE.',
  'metric.detainers_declined.label': 'Órdenes de retención no cumplidas',
  'metric.detainers_declined.definition':
    'De las órdenes de retención recibidas durante el período, cuántas no había cumplido la agencia al final de este, por ejemplo porque la persona quedó en libertad. Las órdenes todavía abiertas no cuentan ni como cumplidas ni como no cumplidas.',
  'metric.hours_held_past_release.label': 'Horas de retención después de la fecha de salida',
  'metric.hours_held_past_release.definition':
    'Total de horas que las personas permanecieron bajo custodia después del momento en que habrían quedado libres (fianza pagada, cargos retirados, condena cumplida), solo por una orden de retención o una orden de ICE. Sume las horas de cada persona.',
  'metric.transfers_to_ice.label': 'Entregas a ICE',
  'metric.transfers_to_ice.definition':
    'Personas entregadas a la custodia de ICE durante el período, en la cárcel o después de un arresto. Cuente cada persona una sola vez.',
  'metric.people_encountered.label': 'Personas abordadas',
  'metric.people_encountered.definition':
    'Personas a las que se aplicó el proceso del 287(g) durante el período: revisadas, entrevistadas, notificadas con una orden de ICE o arrestadas con la autoridad del 287(g). Cuente cada persona una sola vez.',
  'metric.warrants_served.label': 'Órdenes de ICE ejecutadas',
  'metric.warrants_served.definition':
    'Órdenes administrativas de ICE que los agentes de la agencia ejecutaron durante el período contra personas bajo su custodia.',
  'metric.task_force_stops.label': 'Detenciones del grupo de trabajo',
  'metric.task_force_stops.definition':
    'Paradas y encuentros durante el período en los que agentes del grupo de trabajo usaron la autoridad del 287(g), por ejemplo para preguntar a alguien por su situación migratoria.',
  'metric.task_force_arrests.label': 'Arrestos del grupo de trabajo',
  'metric.task_force_arrests.definition':
    'Arrestos por infracciones migratorias civiles que agentes del grupo de trabajo hicieron con la autoridad del 287(g) durante el período.',
  'metric.ice_requests.label': 'Solicitudes de ICE',
  'metric.ice_requests.definition':
    'Solicitudes que ICE hizo a la agencia durante el período (una fecha de salida, acceso a una persona, ayuda en un operativo, información), las haya aceptado o no la agencia. Cuente cada solicitud una sola vez.',
  'metric.transferred_by_charge.traffic.label': 'Entregados: cargo de tránsito',
  'metric.transferred_by_charge.traffic.definition':
    'Personas entregadas a ICE durante el período cuyo cargo más grave era una infracción de tránsito.',
  'metric.transferred_by_charge.misdemeanor.label': 'Entregados: cargo por delito menor',
  'metric.transferred_by_charge.misdemeanor.definition':
    'Personas entregadas a ICE durante el período cuyo cargo más grave era un delito menor (distinto de una infracción de tránsito).',
  'metric.transferred_by_charge.felony.label': 'Entregados: cargo por delito grave',
  'metric.transferred_by_charge.felony.definition': 'Personas entregadas a ICE durante el período cuyo cargo más grave era un delito grave.',
  'metric.transferred_by_charge.none_or_civil.label': 'Entregados: sin cargo penal',
  'metric.transferred_by_charge.none_or_civil.definition':
    'Personas entregadas a ICE durante el período que no tenían ningún cargo penal (retenidas solo por un asunto migratorio o un cargo civil).',
  'metric.transferred_by_conviction.convicted.label': 'Entregados: con condena',
  'metric.transferred_by_conviction.convicted.definition': 'Personas entregadas a ICE durante el período que habían sido condenadas por un delito.',
  'metric.transferred_by_conviction.pending.label': 'Entregados: con cargos pendientes',
  'metric.transferred_by_conviction.pending.definition':
    'Personas entregadas a ICE durante el período que tenían cargos penales pendientes y ninguna condena.',
  'metric.transferred_by_conviction.none.label': 'Entregados: sin condena ni cargos pendientes',
  'metric.transferred_by_conviction.none.definition':
    'Personas entregadas a ICE durante el período que no tenían ni una condena ni un cargo pendiente (nunca acusadas, o con cargos retirados o desestimados).',
  'metric.transferred_by_sex.female.label': 'Entregados: mujeres',
  'metric.transferred_by_sex.female.definition': 'Personas entregadas a ICE durante el período registradas como mujeres.',
  'metric.transferred_by_sex.male.label': 'Entregados: hombres',
  'metric.transferred_by_sex.male.definition': 'Personas entregadas a ICE durante el período registradas como hombres.',
  'metric.transferred_by_sex.other_or_unknown.label': 'Entregados: otro sexo o sexo desconocido',
  'metric.transferred_by_sex.other_or_unknown.definition':
    'Personas entregadas a ICE durante el período registradas con otro sexo, o sin sexo registrado.',
  'metric.transferred_by_age.under_18.label': 'Entregados: menores de 18 años',
  'metric.transferred_by_age.under_18.definition': 'Personas entregadas a ICE durante el período que tenían menos de 18 años al momento de la entrega.',
  'metric.transferred_by_age.18_24.label': 'Entregados: de 18 a 24 años',
  'metric.transferred_by_age.18_24.definition': 'Personas entregadas a ICE durante el período que tenían de 18 a 24 años al momento de la entrega.',
  'metric.transferred_by_age.25_34.label': 'Entregados: de 25 a 34 años',
  'metric.transferred_by_age.25_34.definition': 'Personas entregadas a ICE durante el período que tenían de 25 a 34 años al momento de la entrega.',
  'metric.transferred_by_age.35_44.label': 'Entregados: de 35 a 44 años',
  'metric.transferred_by_age.35_44.definition': 'Personas entregadas a ICE durante el período que tenían de 35 a 44 años al momento de la entrega.',
  'metric.transferred_by_age.45_54.label': 'Entregados: de 45 a 54 años',
  'metric.transferred_by_age.45_54.definition': 'Personas entregadas a ICE durante el período que tenían de 45 a 54 años al momento de la entrega.',
  'metric.transferred_by_age.55_plus.label': 'Entregados: de 55 años o más',
  'metric.transferred_by_age.55_plus.definition': 'Personas entregadas a ICE durante el período que tenían 55 años o más al momento de la entrega.',
  'metric.transferred_by_age.unknown.label': 'Entregados: edad desconocida',
  'metric.transferred_by_age.unknown.definition': 'Personas entregadas a ICE durante el período cuya edad no está registrada.',
  'metric.transferred_by_citizenship.mexico.label': 'Entregados: ciudadanos de México',
  'metric.transferred_by_citizenship.mexico.definition': 'Personas entregadas a ICE durante el período que son ciudadanas de México.',
  'metric.transferred_by_citizenship.guatemala.label': 'Entregados: ciudadanos de Guatemala',
  'metric.transferred_by_citizenship.guatemala.definition': 'Personas entregadas a ICE durante el período que son ciudadanas de Guatemala.',
  'metric.transferred_by_citizenship.honduras.label': 'Entregados: ciudadanos de Honduras',
  'metric.transferred_by_citizenship.honduras.definition': 'Personas entregadas a ICE durante el período que son ciudadanas de Honduras.',
  'metric.transferred_by_citizenship.el_salvador.label': 'Entregados: ciudadanos de El Salvador',
  'metric.transferred_by_citizenship.el_salvador.definition': 'Personas entregadas a ICE durante el período que son ciudadanas de El Salvador.',
  'metric.transferred_by_citizenship.other.label': 'Entregados: ciudadanos de otro país',
  'metric.transferred_by_citizenship.other.definition': 'Personas entregadas a ICE durante el período que son ciudadanas de otro país.',
  'metric.transferred_by_citizenship.unknown.label': 'Entregados: ciudadanía desconocida',
  'metric.transferred_by_citizenship.unknown.definition': 'Personas entregadas a ICE durante el período cuyo país de ciudadanía no está registrado.',
  'metric.officers_certified.label': 'Agentes certificados',
  'metric.officers_certified.definition': 'Agentes con una certificación vigente del 287(g) otorgada por ICE al final del período.',
  'metric.complaints_filed.label': 'Quejas presentadas',
  'metric.complaints_filed.definition': 'Quejas sobre el trabajo del 287(g) recibidas durante el período, de cualquier persona y por cualquier medio.',
  'metric.complaints_sustained.label': 'Quejas confirmadas',
  'metric.complaints_sustained.definition':
    'Quejas sobre el trabajo del 287(g) que una investigación dio por ciertas durante el período, sin importar cuándo se presentaron.',
  'metric.lawsuits_filed.label': 'Demandas presentadas',
  'metric.lawsuits_filed.definition':
    'Demandas y reclamos legales sobre el trabajo del 287(g) presentados contra la agencia o sus agentes durante el período.',
  'metric.settlements_paid.label': 'Pagos por acuerdos de conciliación',
  'metric.settlements_paid.definition':
    'Dinero pagado durante el período para resolver reclamos o cumplir sentencias sobre el trabajo del 287(g), incluidos los pagos hechos por una aseguradora o un fondo común de riesgos.',
  'metric.public_forums_held.label': 'Foros públicos realizados',
  'metric.public_forums_held.definition':
    'Reuniones públicas realizadas durante el período en las que la agencia presentó su trabajo del 287(g) y respondió preguntas.',
  'breakdown.transferred_by_charge': 'Entregas a ICE según el cargo más grave',
  'breakdown.transferred_by_conviction': 'Entregas a ICE según condena',
  'breakdown.transferred_by_sex': 'Entregas a ICE según sexo',
  'breakdown.transferred_by_age': 'Entregas a ICE según edad',
  'breakdown.transferred_by_citizenship': 'Entregas a ICE según país de ciudadanía',
} as const satisfies Record<keyof typeof en, string>;
