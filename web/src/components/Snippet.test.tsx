import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { Snippet } from './Snippet';

describe('Snippet', () => {
  it('renders <mark> from the search API as marks and everything else as text', () => {
    const { container } = render(<Snippet html={'Данные &lt;script&gt;alert(1)&lt;/script&gt; о <mark>спортсменах</mark> &amp; тренерах'} />);
    expect(container.querySelectorAll('mark')).toHaveLength(1);
    expect(container.querySelector('mark')!.textContent).toBe('спортсменах');
    expect(container.querySelector('script')).toBeNull();
    expect(container.textContent).toBe('Данные <script>alert(1)</script> о спортсменах & тренерах');
  });
  it('does not turn raw tags into elements', () => {
    const { container } = render(<Snippet html={'<img src=x onerror=alert(1)><mark>a</mark>'} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe('<img src=x onerror=alert(1)>a');
  });
});
