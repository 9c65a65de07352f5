/** La búsqueda de lugares: la respuesta para Carolina del Norte, lugares de otros estados, errores de escritura. */
export const search = {
  'search.correctedTo': 'Se muestran los resultados de {name}.',
  'search.noneHome': 'Ningún condado o municipio de Carolina del Norte coincide con \u201c{query}\u201d.',
  'search.noneAsked': 'Ningún condado o municipio de {state} coincide con \u201c{query}\u201d.',
  'search.via': '{town} está en este condado: los acuerdos de su sheriff también alcanzan a los residentes de {town}.',
  'search.outsideHome': 'Fuera de Carolina del Norte',
  'search.outsideHomeIntro': 'Lugares de otros estados con un nombre parecido. Sus acuerdos no se aplican en Carolina del Norte.',
  'search.outsideAsked': 'En otros estados',
  'search.outsideAskedIntro': 'Lugares con un nombre parecido en estados distintos del que indicó.',
  'search.elsewhereActive': 'acuerdos 287(g) activos registrados: {count}',
} as const;
