import { describe, expect, it } from 'vitest';
import { specScriptText, type ChartSpec } from './chart-spec';

describe('specScriptText', () => {
  // A label is data from the registry or a filing: it must not end the script element early.
  const spec: ChartSpec = {
    kind: 'bar',
    labels: ['</script><script>alert(1)</script>', '<!-- x', 'Peñ & "quoted" \u2028'],
    datasets: [{ label: '</SCRIPT >', values: [1, null, 2.5] }],
    unit: 'USD',
  };

  it('writes no "<", so no </script nor <!-- can appear in the element', () => {
    const text = specScriptText(spec);
    expect(text).not.toContain('<');
    expect(text).toContain('\\u003c/script>');
  });

  it('parses back to the same spec', () => {
    expect(JSON.parse(specScriptText(spec))).toEqual(spec);
  });
});
