// Uploads one file to a running Strata with the real tus-js-client, in 1 MB PATCHes.
// usage: node upload.mjs <uploads-endpoint-url> <email:password | link:TOKEN> <file> [folder]
// With link:TOKEN it uploads as a visitor of an upload link (X-Link-Token header, no account).
// Prints the upload URL, then the Strata-Node-Path of the committed file (empty for a link visitor,
// who is never told where the file landed); exits non-zero on failure.
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Upload } from 'tus-js-client';

const [endpoint, credentials, file, folder = '/Shared/Builds'] = process.argv.slice(2);
if (!endpoint || !credentials || !file) {
  console.error('usage: node upload.mjs <uploads-endpoint-url> <email:password | link:TOKEN> <file> [folder]');
  process.exit(2);
}

const headers = credentials.startsWith('link:')
  ? { 'X-Link-Token': credentials.slice('link:'.length) }
  : { Authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };

const upload = new Upload(createReadStream(file), {
  endpoint,
  chunkSize: 1024 * 1024,
  // A Node stream has no size of its own; tus-js-client needs it for Upload-Length.
  uploadSize: statSync(file).size,
  retryDelays: [0, 500, 1000],
  headers,
  metadata: { filename: basename(file), folder, filetype: 'application/octet-stream' },
  onError: (error) => {
    console.error(`upload failed: ${error.message}`);
    process.exit(1);
  },
  onSuccess: ({ lastResponse }) => {
    console.log(upload.url);
    console.log(lastResponse.getHeader('Strata-Node-Path') ?? '');
  },
});
upload.start();
