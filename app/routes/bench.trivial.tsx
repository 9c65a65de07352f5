// The benchmark's baseline (bench/run.ts): the cheapest page this server can render, the root
// layout around one paragraph. No loader of its own: server/app.ts answers 404 for it outside
// a bench run (PORTAL_BENCH=1).
export default function BenchTrivial() {
  return <p>Benchmark baseline.</p>;
}
