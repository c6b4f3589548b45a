import { render } from 'preact';
import { PopupApp } from '../../components/popup/PopupApp';
import '../../components/theme.css';
import '../popup/style.css';
import './style.css';

render(<PopupApp layout="dashboard" />, document.getElementById('app')!);
