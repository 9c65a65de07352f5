// The benchmark's baseline (bench/run.ts): the cheapest page this server can render; 404 outside a bench run.
export function loader() {
  if (process.env.PORTAL_BENCH !== '1') throw new Response('Not found', { status: 404 });
  return null;
}

export default function BenchTrivial() {
  return <p>Benchmark baseline.</p>;
}
