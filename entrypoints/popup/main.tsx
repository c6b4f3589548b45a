import { render } from 'preact';

render(<main data-testid="summary">Reopen</main>, document.getElementById('app')!);
