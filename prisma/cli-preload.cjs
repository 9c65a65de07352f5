// Preloaded into the Prisma CLI (see prisma/cli-adapter.ts, workaround 3): the WASM schema
// engine path leaves long timers pending after the command finished, which kept the process
// alive 10 to 60 s. Unref'ing its timers of five seconds or more (the engine's 10 s timeouts; the CLI's
// 1 to 2 s retries must stay) lets it exit as soon as it is done.
const wrap = (original) =>
  function (callback, delay, ...args) {
    const timer = original.call(this, callback, delay, ...args);
    if (Number(delay) >= 5000 && timer && typeof timer.unref === 'function') timer.unref();
    return timer;
  };
globalThis.setTimeout = wrap(globalThis.setTimeout);
globalThis.setInterval = wrap(globalThis.setInterval);
