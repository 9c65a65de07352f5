/**
 * A resolution (resolution.ts) on a page: the preview before adoption and the public policy
 * page. The same layout as the printable download (resolution-html.ts), in the page's styles.
 * Labels are written out ("(a)", "1.") rather than list markers, as in the text adopted.
 * lang="en": the adopted text is the body's English resolution, whatever the page's language.
 */
import type { ResolutionDocument } from './resolution';

export function ResolutionView({ document: doc }: { document: ResolutionDocument }) {
  return (
    <article className="resolution" lang="en">
      {doc.number ? <p className="resolution-heading">{doc.number}</p> : null}
      <p className="resolution-heading">{doc.adoptingBody}</p>
      <h2 className="resolution-title">{doc.title}</h2>
      {doc.preamble.map((clause, i) => (
        <p key={`w${i}`}>{clause}</p>
      ))}
      <p>
        <strong>{doc.enactingClause}</strong>
      </p>
      {doc.sections.map((section) => (
        <section key={section.number} aria-label={`Section ${section.number}. ${section.heading}`}>
          <p>
            <strong>
              Section {section.number}. {section.heading}.
            </strong>
          </p>
          {section.paragraphs.map((paragraph) => (
            <div key={paragraph.label}>
              <p>
                {paragraph.label} {paragraph.text}
              </p>
              {paragraph.items ? (
                <div className="resolution-items">
                  {paragraph.items.map((item) => (
                    <p key={item.label}>
                      {item.label} {item.text}
                    </p>
                  ))}
                </div>
              ) : null}
            </div>
          ))}
        </section>
      ))}
      <p>{doc.adoption.adoptedLine}</p>
      {doc.adoption.voteLine ? <p>{doc.adoption.voteLine}</p> : null}
      {doc.adoption.signatures.map((signature) => (
        <p key={signature.title} className="resolution-signature">
          {signature.caption ? `${signature.caption} ` : ''}______________________________
          <br />
          {signature.title}
        </p>
      ))}
      <section aria-label={doc.schedule.heading}>
        <h3>{doc.schedule.heading}</h3>
        <p>{doc.schedule.intro}</p>
        <div className="resolution-items">
          {doc.schedule.items.map((item) => (
            <p key={item.label}>
              {item.label} {item.text}
            </p>
          ))}
        </div>
      </section>
    </article>
  );
}
