import common from './common';
import policy from './policy';
import routes from './routes';
import errors from './errors';
import banner from './banner';
import panel from './panel';
import popup from './popup';
import options from './options';
import rows from './rows';
import toolbar from './toolbar';
import labels from './labels';
import notify from './notify';

// One flat catalog; each area file owns its keys (prefix them with the area name).
export default { ...common, ...policy, ...routes, ...errors, ...banner, ...panel, ...popup, ...options, ...rows, ...toolbar, ...notify, ...labels };
