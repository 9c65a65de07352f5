// ESLint finds the nearest config per file: the portal's rules, without the build output bench/run.ts writes here.
import portal from '../../eslint.config.js';

export default [{ ignores: ['build/', 'public/build/', '.cache/'] }, ...portal];
