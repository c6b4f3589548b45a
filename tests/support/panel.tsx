import { render } from '@testing-library/preact';
import { vi } from 'vitest';
import { DEFAULT_PROMO_TERMS } from '../../lib/policy';
import { ReopenPanel, type ReopenPanelProps } from '../../components/inbox/ReopenPanel';
import { facts } from './inbox';

/** The reopen panel as the agent opens it (English, UTC, default facts, no send yet), with its callbacks as spies. */
export function openPanel(now: number, over: Partial<ReopenPanelProps> = {}) {
  const callbacks = { onSend: vi.fn(), onClose: vi.fn(), onNeedTemplates: vi.fn() };
  render(
    <ReopenPanel
      locale="en"
      now={now}
      facts={facts()}
      templates={{ status: 'idle' }}
      promoTerms={DEFAULT_PROMO_TERMS}
      sending={false}
      result={null}
      timeZone="UTC"
      {...callbacks}
      {...over}
    />,
  );
  return callbacks;
}
