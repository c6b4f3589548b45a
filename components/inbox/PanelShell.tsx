import type { ComponentChildren, Ref } from 'preact';

export interface PanelShellProps {
  id?: string;
  class: string;
  testId: string;
  titleId: string;
  title: string;
  /** The heading takes the focus when the panel opens, so keyboard users land inside it. */
  titleRef: Ref<HTMLHeadingElement>;
  /** Escape leaves the panel (close or dismiss) without reaching Business Suite's own shortcuts. From a text field
   *  too: what the agent typed is kept by the panel's owner (the reopen panel's draft), so nothing is lost. */
  onEscape: () => void;
  /** Controls beside the title (the close button). */
  headerActions?: ComponentChildren;
  children: ComponentChildren;
}

/** The frame every inbox panel shares: a labelled region, its focusable heading and Escape to leave. */
export function PanelShell(props: PanelShellProps) {
  return (
    <section
      {...(props.id ? { id: props.id } : {})}
      class={props.class}
      data-testid={props.testId}
      aria-labelledby={props.titleId}
      onKeyDown={(event) => {
        // Escape while an input method is composing belongs to it (it cancels the composition), not to the panel.
        if (event.key === 'Escape' && !event.isComposing) {
          event.stopPropagation();
          props.onEscape();
        }
      }}
    >
      <div class="reopen-panel__header">
        <h2 id={props.titleId} tabIndex={-1} ref={props.titleRef}>
          {props.title}
        </h2>
        {props.headerActions}
      </div>
      {props.children}
    </section>
  );
}
