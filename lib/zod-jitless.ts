import { z } from 'zod';

// Zod compiles object parsers with `new Function` unless told not to, and probes for eval on first use. An
// extension's CSP forbids both (the probe fails and is reported as a CSP violation), and store review flags them.
// Imported first by the background, before any module builds a schema: Zod reads the flag when a schema is built.
z.config({ jitless: true });
