import { useRef } from 'react';

interface Props {
  /** Prefix of the question's and note's ids (aria-labelledby / aria-describedby). */
  id: string;
  question: string;
  note: string;
  confirmLabel: string;
  cancelLabel: string;
  className?: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A question inside the page that holds the keyboard: Tab and Shift+Tab cycle through its buttons,
 * Escape is the safe answer, which has the focus when it opens.
 */
export function ConfirmDialog({ id, question, note, confirmLabel, cancelLabel, className, onConfirm, onCancel }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      // Handled here: the window's own Escape (discard changes) must not fire as well.
      e.preventDefault();
      e.stopPropagation();
      onCancel();
      return;
    }
    if (e.key !== 'Tab') return;
    const buttons = Array.from(root.current?.querySelectorAll('button') ?? []);
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = (at + (e.shiftKey ? -1 : 1) + buttons.length) % buttons.length;
    e.preventDefault();
    buttons[at < 0 ? 0 : next]?.focus();
  };
  return (
    <div ref={root} className={`confirm ${className ?? ''}`} role="alertdialog" aria-labelledby={`${id}-question`} aria-describedby={`${id}-note`} onKeyDown={onKeyDown}>
      <p id={`${id}-question`}>{question}</p>
      <p id={`${id}-note`} className="field-note">
        {note}
      </p>
      <button type="button" className="danger" onClick={onConfirm}>
        {confirmLabel}
      </button>
      {/* The safe answer has the focus. */}
      <button type="button" autoFocus onClick={onCancel}>
        {cancelLabel}
      </button>
    </div>
  );
}
