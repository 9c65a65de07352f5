import { renderToStaticMarkup } from 'react-dom/server';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { defaultAnswers } from './answers';
import { buildResolution, resolutionText } from './resolution';
import { escapeHtml, renderResolutionHtml } from './resolution-html';
import { ResolutionView } from './resolution-view';

const answers = {
  ...defaultAnswers('municipal_reporting', { jurisdictionName: 'Peñasco <Town>', agencies: [{ id: 1, name: 'Peñasco "PD" & Co' }], today: '2026-01-01' }),
  additionalClauses: ['<script>alert(1)</script> The Chief shall report.'],
};
const doc = buildResolution(answers);

describe('the printable HTML', () => {
  it('is a whole page with every paragraph of the text, escaped', () => {
    const html = renderResolutionHtml(doc);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<html lang="en">');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Peñasco &quot;PD&quot; &amp; Co');
    const text = html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ');
    for (const line of resolutionText(doc).split('\n').filter((candidate) => candidate.trim() && !candidate.includes('____'))) {
      expect(text.replace(/\s+/g, ' ')).toContain(escapeHtml(line.trim()).replace(/\s+/g, ' '));
    }
  });

  it('is the same document as the page component', () => {
    const markup = renderToStaticMarkup(createElement(ResolutionView, { document: doc }));
    expect(markup).toContain('lang="en"');
    expect(markup).not.toContain('<script>');
    const strip = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/_+/g, ' ').replace(/\s+/g, ' ').trim();
    expect(strip(markup)).toBe(strip(renderResolutionHtml(doc).replace(/^[\s\S]*<body>/, '').replace(/<\/body>[\s\S]*$/, '')));
  });
});
