import { z } from 'zod';

/**
 * The board's Content-Security-Policy forbids eval. Zod would otherwise probe `new Function` on
 * first use to compile faster parsers, which the browser reports as a CSP violation; its plain
 * interpreter is fast enough for form input.
 */
z.config({ jitless: true });
