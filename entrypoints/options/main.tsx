import { render } from 'preact';
import { OptionsApp } from '../../components/options/OptionsApp';
import '../../components/theme.css';
import './style.css';

render(<OptionsApp />, document.getElementById('app')!);
