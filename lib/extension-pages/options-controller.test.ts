import { describe, expect, test } from 'vitest';
import type { LabelsPageView } from '../labels/view';
import type { Ask } from '../messaging/client';
import { createOptionsController, type OptionsLoad } from './options-controller';
import { sampleLabelsView } from '../labels/view.test-support';

// The options controller's part of Labels in Business Suite (issue 22): what the page is left showing when answers
// cross (a status read older than a switch), fail, or arrive after the page closed.

const NOW = Date.parse('2026-05-05T10:00:00Z');
const view = sampleLabelsView;

function later<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

/** A controller over a scripted background; `load()` is what the page would show. */
function controllerWith(answer: (request: { type: string }) => unknown, pollMs = 5) {
  let load: OptionsLoad = { status: 'loading' };
  const asked: { type: string }[] = [];
  const ask = (async (request: { type: string }) => {
    asked.push(request);
    if (request.type === 'pages.list') return { pages: [{ id: '111', name: 'Casa Luna', status: 'connected', checkedAt: NOW, managed: false }] };
    if (request.type === 'settings.get') return { language: 'en' };
    return answer(request);
  }) as unknown as Ask;
  const controller = createOptionsController(ask, (next) => (load = next(load)), { labelsPollMs: pollMs, labelsMaxPolls: 3 });
  const shown = () => (load.status === 'ready' ? load.labels['111'] : undefined);
  return { controller, shown, asked };
}

describe('the labels views of the options page', () => {
  test('a status read under way while a Page is switched does not bring back the state from before the switch', async () => {
    const slowStatus = later<{ pages: LabelsPageView[] }>();
    const slowSet = later<{ page: LabelsPageView }>();
    let statusReads = 0;
    const { controller, shown } = controllerWith((request) => {
      if (request.type === 'labels.status') return ++statusReads === 1 ? { pages: [view()] } : slowStatus.promise;
      if (request.type === 'labels.set') return slowSet.promise;
      if (request.type === 'pages.disconnect') return { pages: [] };
      throw new Error(`unscripted ${request.type}`);
    });
    await controller.open();
    expect(shown()?.enabled).toBe(false);
    // The agent switches labels on, and while Meta is asked, the Page list changes (a disconnect in this window) and
    // the views are read again.
    const switching = controller.setLabels('111', true, 'es');
    const reading = controller.disconnect('999');
    await new Promise((resolve) => setTimeout(resolve, 0));
    slowSet.resolve({ page: view({ enabled: true, language: 'es' }) });
    expect((await switching).page.enabled).toBe(true);
    expect(shown()?.enabled).toBe(true);
    // The read answers late, with the state it saw before the switch was done.
    slowStatus.resolve({ pages: [view({ enabled: false, pending: 'enabling' })] });
    await reading;
    expect(shown()).toEqual(view({ enabled: true, language: 'es' }));
  });

  test('a status read begun after a switch was done is shown as it is', async () => {
    let state = view();
    const { controller, shown } = controllerWith((request) => {
      if (request.type === 'labels.status') return { pages: [state] };
      if (request.type === 'labels.set') return { page: view({ enabled: true }) };
      if (request.type === 'pages.disconnect') return { pages: [] };
      throw new Error(`unscripted ${request.type}`);
    });
    await controller.open();
    await controller.setLabels('111', true, 'en');
    // Another window switched it off since.
    state = view({ clearedAt: NOW });
    await controller.disconnect('999');
    expect(shown()).toEqual(view({ clearedAt: NOW }));
  });

  test('the background not answering a switch: a failed refusal with the view unchanged, never a throw', async () => {
    const { controller, shown } = controllerWith((request) => {
      if (request.type === 'labels.status') return { pages: [view({ enabled: true })] };
      throw new Error('The background did not answer.');
    });
    await controller.open();
    const reply = await controller.setLabels('111', false, 'en');
    expect(reply.page.enabled).toBe(true);
    expect(reply.refusal).toEqual({ kind: 'failed', error: { kind: 'unknown_error', retryable: true, metaMessage: 'The background did not answer.' } });
    expect(shown()?.enabled).toBe(true);
  });

  test('while another window switches, reads again until it is done, and stops once the page closed', async () => {
    let pending = true;
    const { controller, shown, asked } = controllerWith((request) => {
      if (request.type === 'labels.status') return { pages: [pending ? view({ pending: 'disabling', enabled: true }) : view({ clearedAt: NOW })] };
      throw new Error(`unscripted ${request.type}`);
    });
    await controller.open();
    expect(shown()?.pending).toBe('disabling');
    pending = false;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(shown()).toEqual(view({ clearedAt: NOW }));
    const reads = asked.filter((request) => request.type === 'labels.status').length;
    expect(reads).toBe(2);

    // A switch that never ends: read at most labelsMaxPolls (3) times more, then left as last seen.
    const stuck = controllerWith(() => ({ pages: [view({ pending: 'enabling' })] }));
    await stuck.controller.open();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(stuck.asked.filter((request) => request.type === 'labels.status')).toHaveLength(4);
    expect(stuck.shown()?.pending).toBe('enabling');

    const second = controllerWith((request) => ({ pages: [view({ pending: request.type === 'labels.status' ? 'enabling' : null })] }));
    await second.controller.open();
    second.controller.close();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(second.asked.filter((request) => request.type === 'labels.status')).toHaveLength(1);
  });
});
