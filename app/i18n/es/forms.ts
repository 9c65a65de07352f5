import type { forms as en } from '../en/forms';

/** Lo que dice cualquier formulario cuando no puede leer lo enviado (app/utils/forms.ts). */
export const forms = {
  'form.invalid': 'Este valor no se puede usar. Revíselo e inténtelo de nuevo.',
  'form.controlCharacters': 'Contiene caracteres de control invisibles (como un byte NUL). Escríbalo o péguelo de nuevo como texto simple.',
  'form.unreadable': 'No se pudo leer el formulario. Vuelva a cargar la página y envíelo de nuevo.',
  'form.fixErrors': 'Corrija los campos marcados abajo y envíe el formulario de nuevo.',
} as const satisfies Record<keyof typeof en, string>;
