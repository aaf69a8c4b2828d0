/** `npm run html`: the offline HTML edition of the lessons in build/html/ (lib/html-edition). */
import { buildHtmlEdition } from './lib/html-edition';

buildHtmlEdition().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
