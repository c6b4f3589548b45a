import { render } from 'preact';

render(<main>Reopen settings</main>, document.getElementById('app')!);
