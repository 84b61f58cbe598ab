// Uploads one file to a running Strata with the real tus-js-client, in 1 MB PATCHes.
// usage: node upload.mjs <uploads-endpoint-url> <email:password> <file> [folder]
// Prints the upload URL, then the Strata-Node-Path of the committed file; exits non-zero on failure.
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Upload } from 'tus-js-client';

const [endpoint, credentials, file, folder = '/Shared/Builds'] = process.argv.slice(2);
if (!endpoint || !credentials || !file) {
  console.error('usage: node upload.mjs <uploads-endpoint-url> <email:password> <file> [folder]');
  process.exit(2);
}

const upload = new Upload(createReadStream(file), {
  endpoint,
  chunkSize: 1024 * 1024,
  // A Node stream has no size of its own; tus-js-client needs it for Upload-Length.
  uploadSize: statSync(file).size,
  retryDelays: [0, 500, 1000],
  headers: { Authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
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
