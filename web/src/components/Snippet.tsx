import { Fragment } from 'react';

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#34;': '"' };

function unescape(s: string): string {
  return s.replace(/&(?:amp|lt|gt|quot|#39|#34);/g, (m) => entities[m]);
}

/**
 * Snippet renders the search API's highlighted snippet (HTML-escaped text with
 * <mark>…</mark>) without interpreting it as HTML: the text between the marks
 * becomes text nodes, so no markup from the data can reach the page.
 */
export function Snippet({ html }: { html: string }) {
  const parts = html.split(/(<mark>|<\/mark>)/);
  let marked = false;
  const out: { text: string; mark: boolean }[] = [];
  for (const p of parts) {
    if (p === '<mark>') marked = true;
    else if (p === '</mark>') marked = false;
    else if (p) out.push({ text: unescape(p), mark: marked });
  }
  return (
    <>
      {out.map((p, i) => (
        <Fragment key={i}>{p.mark ? <mark>{p.text}</mark> : p.text}</Fragment>
      ))}
    </>
  );
}
