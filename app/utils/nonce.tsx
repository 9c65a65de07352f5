import { createContext, useContext } from 'react';

/** The Content-Security-Policy nonce of this response, for the inline scripts Remix renders. */
export const NonceContext = createContext('');
export const useNonce = () => useContext(NonceContext);
