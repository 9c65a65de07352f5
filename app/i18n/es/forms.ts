import type { forms as en } from '../en/forms';

/** Lo que dice cualquier formulario cuando no puede leer lo enviado (app/utils/forms.ts). */
export const forms = {
  'form.invalid': 'Este valor no se puede usar. Revíselo e inténtelo de nuevo.',
  'form.controlCharacters': 'Contiene caracteres de control invisibles (como un byte NUL). Escríbalo o péguelo de nuevo como texto simple.',
  'form.controlCharactersSent': 'El formulario envió caracteres de control invisibles (como un byte NUL), que ninguna página del portal envía. Vuelva a cargar la página y envíelo de nuevo.',
  'form.idTooLarge': 'Este número es demasiado grande: como máximo 2,147,483,647.',
  'form.tooDeep': 'Los datos están anidados a demasiada profundidad: como máximo 20 niveles de listas y objetos.',
  'form.unreadable': 'No se pudo leer el formulario. Vuelva a cargar la página y envíelo de nuevo.',
  'form.fixErrors': 'Corrija los campos marcados abajo y envíe el formulario de nuevo.',

  // Una dirección rechazada antes de llegar a ninguna página (server/input-guard.ts)
  'input.title': 'No se puede leer esta dirección',
  'input.badEncoding': 'La dirección tiene un código % incompleto. Revise el enlace o escriba la dirección de nuevo.',
  'input.controlCharacters': 'La dirección contiene caracteres de control invisibles (como un byte NUL). Revise el enlace o escriba la dirección de nuevo.',
  'input.home': 'Ir a la página de inicio',

  // Una petición que no se puede leer, en la página de error (badRequest, utils/forms.server.ts)
  'error.badRequest': 'No se puede leer esta petición',
} as const satisfies Record<keyof typeof en, string>;
