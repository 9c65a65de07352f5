/** Plantilla CSV y carga de informes de varios períodos (app/reporting/filings-csv.ts y sus páginas). */
import type { filingsCsv as en } from '../en/filings-csv';

// Column names and the value "yes" are what the file must contain: they stay in English here.
export const filingsCsv = {
  'filingsCsv.templateLink': 'Descargar la plantilla CSV',
  'filingsCsv.templateLinkLabel': 'Descargar la plantilla CSV de {title}',
  'filingsCsv.uploadLink': 'Cargar un CSV de varios períodos',
  'filingsCsv.uploadLinkLabel': 'Cargar un CSV de varios períodos para {title}',
  'filingsCsv.filedNotice_one': 'Presentado desde su CSV: {count} período, certificado y presentado.',
  'filingsCsv.filedNotice_other': 'Presentado desde su CSV: {count} períodos, cada uno certificado y presentado.',

  'filingsCsv.title': 'Cargar varios períodos en un CSV',
  'filingsCsv.back': 'Todos sus informes',
  'filingsCsv.agency': 'Agencia',
  'filingsCsv.requirement': 'Requisito',
  'filingsCsv.intro':
    'Descargue la plantilla, complete una fila por período en una hoja de cálculo (Excel, LibreOffice, Google Sheets), guárdela como CSV y cárguela aquí. Primero se revisa cada fila con las mismas reglas que el formulario del informe; si alguna celda está mal, no se guarda nada y cada problema aparece con su fila y su columna.',
  'filingsCsv.templateTitle': 'La plantilla',
  'filingsCsv.templateRows': 'Tiene una fila por cada período que falta presentar: {periods}.',
  'filingsCsv.templateNoRows': 'Ahora no hay ningún período pendiente de presentar, así que la plantilla solo tiene la fila de encabezados.',
  'filingsCsv.draftsWarning':
    'Hay un borrador escrito en la web guardado para {periods}. Si carga una fila de uno de estos períodos, su borrador se reemplaza con las cifras de la fila.',
  'filingsCsv.columnsTitle': 'Qué significan las columnas',
  'filingsCsv.column': 'Columna',
  'filingsCsv.columnMeaning': 'Qué escribir',
  'filingsCsv.columnUnit': 'Unidad',
  'filingsCsv.columnPeriod':
    'El período que informa la fila, escrito como en la plantilla: 2025-Q3 para un trimestre, 2025-07 para un mes, 2025 para un año. Una fila por período.',
  'filingsCsv.columnNothing':
    'Escriba yes si la agencia no hizo ningún trabajo 287(g) en el período, y deje las cifras vacías. Si no, déjela vacía.',
  'filingsCsv.columnExplanation':
    'Solo si una verificación la pide: por qué son correctas unas cifras que parecen inusuales (al menos {min} caracteres). Responde a todas las verificaciones de su fila; la lista de problemas que aparece después de cargar el archivo indica cuáles la necesitan.',
  'filingsCsv.columnMetric': '{label}. {definition}',
  'filingsCsv.columnsNote':
    'Escriba 0 donde no hubo ninguno. Los dólares se pueden escribir con $ y comas. Las celdas de desglose (Transferred: …) pueden quedar vacías si no se informa el desglose; si llena una, deben sumar el total.',
  'filingsCsv.unit.USD': 'Dólares',
  'filingsCsv.unit.HOURS': 'Horas',
  'filingsCsv.unit.FTE': 'Equivalentes de tiempo completo',
  'filingsCsv.unit.COUNT': 'Cantidad',
  'filingsCsv.unit.DAYS': 'Días',
  'filingsCsv.unit.none': '—',
  'filingsCsv.formTitle': 'Certificar y cargar',
  'filingsCsv.formIntro': 'Al cargar el archivo, usted certifica y presenta, como titular de la agencia, cada período del archivo bajo este juramento:',
  'filingsCsv.file': 'Archivo CSV',
  'filingsCsv.fileHint':
    'Como máximo {rows} períodos y {megabytes} MB. En Excel: Archivo › Guardar como › “CSV UTF-8 (delimitado por comas)”.',
  'filingsCsv.certifiedName': 'Su nombre completo',
  'filingsCsv.certifiedTitle': 'Su cargo',
  'filingsCsv.certifiedTitleHint': 'Por ejemplo Sheriff o Subjefe (Chief Deputy).',
  'filingsCsv.certify': 'Certifico, bajo el juramento anterior, las cifras de cada período de este archivo.',
  'filingsCsv.submit': 'Revisar, certificar y presentar',
  'filingsCsv.checking': 'Revisando…',
  'filingsCsv.headOnly':
    'Solo el titular de la agencia (o un delegado con el rol de titular) puede cargar el archivo, porque cargarlo certifica y presenta los informes. Usted puede descargar la plantilla, completarla y entregársela.',
  'filingsCsv.refused': 'No se guardó nada. Corrija en su hoja de cálculo los problemas indicados abajo, guárdela otra vez como CSV y cárguela.',
  'filingsCsv.chooseAgain': 'Por su seguridad, el navegador no conserva el archivo: vuelva a elegirlo antes de cargarlo.',
  'filingsCsv.issuesTitle': 'Problemas en el archivo',
  'filingsCsv.where': 'Dónde',
  'filingsCsv.problem': 'Problema',

  'filingsCsv.fileRequired': 'Elija el archivo CSV que va a cargar.',
  'filingsCsv.fileTooLarge': 'El archivo pesa más de {megabytes} MB. Cargue como máximo {rows} períodos a la vez.',
  'filingsCsv.nameRequired': 'Escriba el nombre de la persona que certifica los informes.',
  'filingsCsv.titleRequired': 'Escriba el cargo de la persona que certifica los informes.',
  'filingsCsv.tooLong': 'Como máximo {max} caracteres.',
  'filingsCsv.certifyRequired': 'Marque la casilla para certificar las cifras bajo juramento.',

  'filingsCsv.where.file': 'El archivo',
  'filingsCsv.where.row': 'Fila {row}',
  'filingsCsv.where.rowPeriod': 'Fila {row} ({period})',
  'filingsCsv.where.column': '{where}, columna {column}',
  'filingsCsv.where.columns': '{where}, columnas {columns}',

  'filingsCsv.error.tooLarge': 'El archivo pesa más de {megabytes} MB. Cargue como máximo {rows} períodos a la vez.',
  'filingsCsv.error.tooManyRows': 'El archivo tiene {count} filas de períodos; cargue como máximo {max} a la vez.',
  'filingsCsv.error.unreadable':
    'No se pudo leer el archivo como CSV (cerca de la línea {line}). Guárdelo como CSV desde su hoja de cálculo y vuelva a intentarlo.',
  'filingsCsv.error.empty': 'El archivo está vacío. Descargue la plantilla, complétela y cárguela.',
  'filingsCsv.error.noRows': 'El archivo no tiene ningún período para presentar: agregue una fila por período debajo de la fila de encabezados.',
  'filingsCsv.error.noPeriodColumn':
    'No hay una columna "period". La primera fila debe ser la fila de encabezados de la plantilla: period, nothing_to_report, las claves de los indicadores, explanation.',
  'filingsCsv.error.unknownColumn': 'Columna desconocida "{column}": use las columnas de la plantilla. No se leyeron sus celdas.',
  'filingsCsv.error.columnNotAsked': 'Este requisito no pide "{column}": quite la columna.',
  'filingsCsv.error.unnamedColumn': 'La columna {letter} tiene valores pero no tiene nombre en la fila de encabezados.',
  'filingsCsv.error.duplicateColumn': 'La columna "{column}" aparece más de una vez.',
  'filingsCsv.error.missingColumn_one': 'Falta la columna "{column}" ({label}): la pide el período {periods}.',
  'filingsCsv.error.missingColumn_other': 'Falta la columna "{column}" ({label}): la piden los períodos {periods}.',
  'filingsCsv.error.extraCells': 'Esta fila tiene valores después de la última columna de la fila de encabezados.',
  'filingsCsv.error.periodBlank': 'Escriba el período que informa esta fila, por ejemplo {example}.',
  'filingsCsv.error.periodUnknown':
    'No se espera ningún informe para el período "{period}" de este requisito. Escriba el período como en la plantilla (por ejemplo {example}); solo se pueden presentar los períodos que ya terminaron.',
  'filingsCsv.error.periodNotEnded': 'El período termina el {end}: preséntelo después de esa fecha.',
  'filingsCsv.error.periodLate': 'Este informe debía presentarse a más tardar el {due} y la política no acepta informes atrasados.',
  'filingsCsv.error.periodSubmitted': 'El informe de {period} ya se presentó. Para corregirlo, enmiéndelo en su página.',
  'filingsCsv.error.duplicatePeriod': '{period} también está en la fila {row}: use una sola fila por período.',
  'filingsCsv.error.notAsked': 'Las reglas de {period} no piden esta cifra: deje la celda vacía.',
  'filingsCsv.error.nothingToReport': 'Escriba yes si no hay nada que informar en el período; si no, déjela vacía.',
  'filingsCsv.error.explain': '{message} Si es correcto, explique por qué en la columna explanation (al menos {min} caracteres).',
} as const satisfies Record<keyof typeof en, string>;
