export default function Index() {
  return <p>Benchmark baseline.</p>;
}
