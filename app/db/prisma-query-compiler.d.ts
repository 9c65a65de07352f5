// The JavaScript side of Prisma's WebAssembly query compiler (raw-query-plans.server.ts). It ships
// without declarations; only what the portal touches is declared.
declare module '@prisma/client/runtime/query_compiler_bg.postgresql.mjs' {
  export class QueryCompiler {
    compile(request: string): unknown;
  }
}
