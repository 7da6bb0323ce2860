// Uploads FILE to handoff with tus-js-client, stops it part-way, resumes it from the server's
// offset, and prints {"url", "resumedFrom"} as JSON. Used by tests/tus_clients.rs.
// node upload.mjs BASE TOKEN FILE NAME
import { readFileSync } from "node:fs";
import * as tus from "tus-js-client";

const [base, token, file, name] = process.argv.slice(2);
const bytes = readFileSync(file);
const options = {
  endpoint: `${base}/api/v1/uploads`,
  headers: { Authorization: `Bearer ${token}` },
  chunkSize: 256 * 1024,
  metadata: { filename: name, filetype: "application/octet-stream" },
  retryDelays: [100, 500, 1000],
};

function run(upload) {
  return new Promise((resolve, reject) => {
    upload.options.onSuccess = () => resolve("done");
    upload.options.onError = reject;
    upload.start();
  });
}

// First run: stop once about half is acknowledged.
const first = new tus.Upload(bytes, { ...options });
await new Promise((resolve, reject) => {
  first.options.onChunkComplete = (_size, accepted, total) => {
    if (accepted >= total / 2) {
      first.abort().then(resolve, reject);
    }
  };
  first.options.onError = reject;
  first.options.onSuccess = () => reject(new Error("finished before it was stopped"));
  first.start();
});

// Second run: the same file at the same URL; tus-js-client asks the server for its offset.
let resumedFrom = null;
const second = new tus.Upload(bytes, {
  ...options,
  uploadUrl: first.url,
  onProgress: (sent) => {
    if (resumedFrom === null) resumedFrom = sent;
  },
});
await run(second);
console.log(JSON.stringify({ url: second.url, resumedFrom }));
