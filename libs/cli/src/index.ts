/** @alsatian/cli: the `alsatian` command line. The composition root; nothing imports it. */
export { main } from './main.ts';
